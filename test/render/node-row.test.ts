import { describe, expect, it } from 'vitest';
import { nodeRow } from '../../source/render/node-row.ts';
import { fixture, renderRow } from '../support/render-row.ts';
import nodes from './fixtures/nodes.json' with { type: 'json' };

const row = (name: string) => renderRow(nodeRow, fixture(nodes, name));

describe('the Node row', () => {
  it('declares NAME STATUS ROLES AGE VERSION and five -o wide columns', () => {
    expect(nodeRow.columns.map((c) => [c.name.toUpperCase(), c.priority])).toEqual([
      ['NAME', 0],
      ['STATUS', 0],
      ['ROLES', 0],
      ['AGE', 0],
      ['VERSION', 0],
      ['INTERNAL-IP', 1],
      ['EXTERNAL-IP', 1],
      ['OS-IMAGE', 1],
      ['KERNEL-VERSION', 1],
      ['CONTAINER-RUNTIME', 1],
    ]);
  });

  it('prints a ready control-plane node', () => {
    expect(row('expose-tutor-control-plane')).toEqual({
      NAME: 'expose-tutor-control-plane',
      STATUS: 'Ready',
      ROLES: 'control-plane',
      AGE: '63d',
      VERSION: 'v1.36.0',
      'INTERNAL-IP': '172.18.0.2',
      'EXTERNAL-IP': '<none>',
      'OS-IMAGE': 'Debian GNU/Linux 12 (bookworm)',
      'KERNEL-VERSION': '6.8.0-49-generic',
      'CONTAINER-RUNTIME': 'containerd://2.1.4',
    });
  });

  it('prints NotReady, SchedulingDisabled, <none> roles and <unknown> system info', () => {
    expect(row('expose-tutor-worker')).toMatchObject({
      STATUS: 'NotReady,SchedulingDisabled',
      ROLES: '<none>',
      'EXTERNAL-IP': '203.0.113.3',
      'OS-IMAGE': '<unknown>',
      'KERNEL-VERSION': '<unknown>',
      'CONTAINER-RUNTIME': '<unknown>',
    });
  });

  it('prints Unknown without a Ready condition, and roles from both label forms, sorted', () => {
    expect(row('edge')).toMatchObject({
      STATUS: 'Unknown',
      ROLES: 'edge,ingress',
      AGE: '2m',
      VERSION: '',
      'INTERNAL-IP': '<none>',
    });
  });
});
