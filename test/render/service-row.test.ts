import { describe, expect, it } from 'vitest';
import { serviceRow } from '../../source/render/service-row.ts';
import { fixture, renderRow } from '../support/render-row.ts';
import services from './fixtures/services.json' with { type: 'json' };

const row = (name: string) => renderRow(serviceRow, fixture(services, name));

describe('the Service row', () => {
  it('declares the columns kubectl get svc prints, SELECTOR only with -o wide', () => {
    expect(serviceRow.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Type', 0],
      ['Cluster-IP', 0],
      ['External-IP', 0],
      ['Port(s)', 0],
      ['Age', 0],
      ['Selector', 1],
    ]);
    expect(serviceRow.columns[0]).toMatchObject({ type: 'string', format: 'name' });
  });

  it('prints a ClusterIP Service with port/protocol and its selector', () => {
    expect(row('echo')).toEqual({
      NAME: 'echo',
      TYPE: 'ClusterIP',
      'CLUSTER-IP': '10.96.124.17',
      'EXTERNAL-IP': '<none>',
      'PORT(S)': '80/TCP',
      AGE: '5m',
      SELECTOR: 'app=echo,tier=web',
    });
  });

  it('prints port:nodePort for a NodePort Service, never the targetPort', () => {
    expect(row('echo-nodeport')).toMatchObject({
      TYPE: 'NodePort',
      'EXTERNAL-IP': '<none>',
      'PORT(S)': '80:30176/TCP,9090:31001/TCP',
      AGE: '2m30s',
    });
  });

  it('says <pending> for a LoadBalancer without an address', () => {
    expect(row('echo-lb-pending')).toMatchObject({
      'EXTERNAL-IP': '<pending>',
      'PORT(S)': '80:31245/TCP',
      AGE: '3h',
      SELECTOR: 'app=echo',
    });
  });

  it('prints the assigned load-balancer address', () => {
    expect(row('echo-lb')).toMatchObject({ 'EXTERNAL-IP': '172.18.0.100', AGE: '63d' });
  });

  it('lists sorted load-balancer addresses, then externalIPs', () => {
    expect(row('echo-lb-extra')).toMatchObject({
      'EXTERNAL-IP': '172.18.0.101,lb.example.com,192.0.2.10',
      AGE: '45s',
      SELECTOR: '<none>',
    });
  });

  it('prints None as the cluster IP of a headless Service', () => {
    expect(row('echo-headless')).toMatchObject({ 'CLUSTER-IP': 'None', 'PORT(S)': '8080/TCP' });
  });

  it('prints the DNS name of an ExternalName Service and <none> for its ports', () => {
    expect(row('upstream')).toMatchObject({
      TYPE: 'ExternalName',
      'CLUSTER-IP': '<none>',
      'EXTERNAL-IP': 'example.com',
      'PORT(S)': '<none>',
    });
  });

  it('prints externalIPs of a ClusterIP Service', () => {
    expect(row('with-external-ips')).toMatchObject({
      'EXTERNAL-IP': '192.0.2.1,192.0.2.2',
      'PORT(S)': '53/UDP',
    });
  });
});
