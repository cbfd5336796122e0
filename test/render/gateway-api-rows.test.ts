import { describe, expect, it } from 'vitest';
import { gatewayClassRow } from '../../source/render/gateway-class-row.ts';
import { gatewayRow } from '../../source/render/gateway-row.ts';
import { httpRouteRow } from '../../source/render/http-route-row.ts';
import { fixture, renderRow } from '../support/render-row.ts';
import objects from './fixtures/gateway-api.json' with { type: 'json' };

describe('Gateway API rows, from the CRDs’ printer columns', () => {
  it('describes printer columns by their JSONPath, and Age as a date', () => {
    expect(gatewayRow.columns.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Class', 'string'],
      ['Address', 'string'],
      ['Programmed', 'string'],
      ['Age', 'date'],
    ]);
    expect(gatewayRow.columns[2]!.description).toBe(
      'Custom resource definition column (in JSONPath format): .status.addresses[*].value',
    );
  });

  it('prints a GatewayClass, its Accepted condition, and the description for -o wide', () => {
    expect(renderRow(gatewayClassRow, fixture(objects, 'cloud-provider-kind'))).toEqual({
      NAME: 'cloud-provider-kind',
      CONTROLLER: 'kind.sigs.k8s.io/cloud-provider-kind',
      ACCEPTED: 'True',
      AGE: '63d',
      DESCRIPTION: 'cloud-provider-kind gateways',
    });
    expect(gatewayClassRow.columns.at(-1)).toMatchObject({ name: 'Description', priority: 1 });
  });

  it('sends null for values that are absent', () => {
    expect(renderRow(gatewayClassRow, fixture(objects, 'unclaimed'))).toMatchObject({
      ACCEPTED: null,
      DESCRIPTION: null,
    });
    expect(renderRow(gatewayRow, fixture(objects, 'pending'))).toMatchObject({
      ADDRESS: null,
      PROGRAMMED: 'Unknown',
      AGE: '45s',
    });
  });

  it('prints the first address of a Gateway', () => {
    expect(renderRow(gatewayRow, fixture(objects, 'web'))).toEqual({
      NAME: 'web',
      CLASS: 'cloud-provider-kind',
      ADDRESS: '172.18.0.102',
      PROGRAMMED: 'True',
      AGE: '5m',
    });
  });

  it('prints HTTPRoute hostnames as a JSON list', () => {
    expect(renderRow(httpRouteRow, fixture(objects, 'echo'))).toEqual({
      NAME: 'echo',
      HOSTNAMES: '["echo.example.com","www.example.com"]',
      AGE: '5m',
    });
    expect(renderRow(httpRouteRow, fixture(objects, 'any-host')).HOSTNAMES).toBeNull();
  });
});
