import { describe, expect, it } from 'vitest';
import { endpointSliceRow } from '../../source/render/endpoint-slice-row.ts';
import { endpointsRow } from '../../source/render/endpoints-row.ts';
import { fixture, renderRow } from '../support/render-row.ts';
import endpoints from './fixtures/endpoints.json' with { type: 'json' };
import slices from './fixtures/endpointslices.json' with { type: 'json' };

describe('the Endpoints row', () => {
  const row = (name: string) => renderRow(endpointsRow, fixture(endpoints, name));

  it('declares NAME ENDPOINTS AGE', () => {
    expect(endpointsRow.columns.map((c) => c.name)).toEqual(['Name', 'Endpoints', 'Age']);
  });

  it('lists ready addresses as ip:port', () => {
    expect(row('echo')).toEqual({
      NAME: 'echo',
      ENDPOINTS: '10.244.1.5:8080,10.244.2.3:8080',
      AGE: '5m',
    });
  });

  it('shows three and counts the rest', () => {
    expect(row('echo-big').ENDPOINTS).toBe(
      '10.244.1.5:8080,10.244.2.3:8080,10.244.1.6:8080 + 1 more...',
    );
  });

  it('lists every address once per port', () => {
    expect(row('two-ports').ENDPOINTS).toBe(
      '10.244.1.5:8080,10.244.2.3:8080,10.244.1.5:9090 + 1 more...',
    );
  });

  it('lists bare IPs when there are no ports', () => {
    expect(row('headless-no-ports').ENDPOINTS).toBe('10.244.1.5,fd00:10:244::5');
  });

  it('says <none> without subsets and nothing when no address is ready', () => {
    expect(row('no-pods').ENDPOINTS).toBe('<none>');
    expect(row('not-ready').ENDPOINTS).toBe('');
  });
});

describe('the EndpointSlice row', () => {
  const row = (name: string) => renderRow(endpointSliceRow, fixture(slices, name));

  it('declares NAME ADDRESSTYPE PORTS ENDPOINTS AGE', () => {
    expect(endpointSliceRow.columns.map((c) => c.name.toUpperCase())).toEqual([
      'NAME',
      'ADDRESSTYPE',
      'PORTS',
      'ENDPOINTS',
      'AGE',
    ]);
  });

  it('lists ports and endpoint addresses', () => {
    expect(row('echo-7xk2p')).toEqual({
      NAME: 'echo-7xk2p',
      ADDRESSTYPE: 'IPv4',
      PORTS: '8080',
      ENDPOINTS: '10.244.1.5,10.244.2.3',
      AGE: '5m',
    });
  });

  it('shows three ports and three addresses, then + N more...', () => {
    expect(row('big-q8z4m')).toMatchObject({
      PORTS: '8080,8443,9000 + 1 more...',
      ENDPOINTS: '10.244.1.5,10.244.1.6,10.244.2.3 + 2 more...',
    });
  });

  it('says <unset> for a slice with no ports or endpoints', () => {
    expect(row('empty-t5n2c')).toMatchObject({ PORTS: '<unset>', ENDPOINTS: '<unset>' });
  });

  it('falls back to the port name, then *', () => {
    expect(row('odd-ports')).toMatchObject({
      ADDRESSTYPE: 'IPv6',
      PORTS: 'http,*',
      ENDPOINTS: 'fd00:10:244::5',
    });
  });
});
