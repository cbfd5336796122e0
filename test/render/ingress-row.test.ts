import { describe, expect, it } from 'vitest';
import { ingressClassRow } from '../../source/render/ingress-class-row.ts';
import { ingressRow } from '../../source/render/ingress-row.ts';
import { fixture, renderRow } from '../support/render-row.ts';
import ingressClasses from './fixtures/ingressclasses.json' with { type: 'json' };
import ingresses from './fixtures/ingresses.json' with { type: 'json' };

describe('the Ingress row', () => {
  const row = (name: string) => renderRow(ingressRow, fixture(ingresses, name));

  it('declares NAME CLASS HOSTS ADDRESS PORTS AGE', () => {
    expect(ingressRow.columns.map((c) => c.name.toUpperCase())).toEqual([
      'NAME',
      'CLASS',
      'HOSTS',
      'ADDRESS',
      'PORTS',
      'AGE',
    ]);
  });

  it('prints class, host, the address from status and port 80', () => {
    expect(row('echo')).toEqual({
      NAME: 'echo',
      CLASS: 'cloud-provider-kind',
      HOSTS: 'echo.example.com',
      ADDRESS: '172.18.0.100',
      PORTS: '80',
      AGE: '5m',
    });
  });

  it('prints <none> without a class, * without hosts, nothing before an address', () => {
    expect(row('no-class')).toMatchObject({ CLASS: '<none>', HOSTS: '*', ADDRESS: '' });
    expect(row('default-backend-only')).toMatchObject({ HOSTS: '*', ADDRESS: '', PORTS: '80' });
  });

  it('prints 80, 443 with TLS, three hosts then + N more..., sorted addresses', () => {
    expect(row('tls')).toMatchObject({
      HOSTS: 'a.example.com,b.example.com,c.example.com + 2 more...',
      ADDRESS: '172.18.0.101,ingress.example.net',
      PORTS: '80, 443',
    });
  });

  it('skips rules without a host but counts them in + N more...', () => {
    expect(row('mixed-hosts').HOSTS).toBe('a.example.com,b.example.com,c.example.com + 2 more...');
  });
});

describe('the IngressClass row', () => {
  const row = (name: string) => renderRow(ingressClassRow, fixture(ingressClasses, name));

  it('prints controller and <none> without parameters', () => {
    expect(row('cloud-provider-kind')).toEqual({
      NAME: 'cloud-provider-kind',
      CONTROLLER: 'kind.sigs.k8s.io/cloud-provider-kind',
      PARAMETERS: '<none>',
      AGE: '63d',
    });
  });

  it('prints parameters as Kind.group/name, or Kind/name in the core group', () => {
    expect(row('external-lb').PARAMETERS).toBe('IngressParameters.k8s.example.com/external-lb');
    expect(row('core-params').PARAMETERS).toBe('ConfigMap/ingress-config');
  });
});
