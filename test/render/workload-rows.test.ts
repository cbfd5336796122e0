import { describe, expect, it } from 'vitest';
import { deploymentRow } from '../../source/render/deployment-row.ts';
import { replicaSetRow } from '../../source/render/replica-set-row.ts';
import { fixture, renderRow } from '../support/render-row.ts';
import deployments from './fixtures/deployments.json' with { type: 'json' };
import replicaSets from './fixtures/replicasets.json' with { type: 'json' };

describe('the Deployment row', () => {
  const row = (name: string) => renderRow(deploymentRow, fixture(deployments, name));

  it('declares READY UP-TO-DATE AVAILABLE, and containers, images, selector for -o wide', () => {
    expect(deploymentRow.columns.map((c) => [c.name.toUpperCase(), c.priority])).toEqual([
      ['NAME', 0],
      ['READY', 0],
      ['UP-TO-DATE', 0],
      ['AVAILABLE', 0],
      ['AGE', 0],
      ['CONTAINERS', 1],
      ['IMAGES', 1],
      ['SELECTOR', 1],
    ]);
  });

  it('prints ready/desired and the counts as integers', () => {
    expect(row('echo')).toEqual({
      NAME: 'echo',
      READY: '3/3',
      'UP-TO-DATE': 3,
      AVAILABLE: 3,
      AGE: '5m',
      CONTAINERS: 'agnhost',
      IMAGES: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
      SELECTOR: 'app=echo',
    });
  });

  it('prints a rollout in progress, every container, and a set-based selector', () => {
    expect(row('rolling')).toMatchObject({
      READY: '3/4',
      'UP-TO-DATE': 2,
      AVAILABLE: 3,
      AGE: '10s',
      CONTAINERS: 'web,log',
      IMAGES: 'nginx:1.29,busybox:1.37',
      SELECTOR: 'app=rolling,track in (canary,stable)',
    });
  });

  it('prints zeros before the controller has reported', () => {
    expect(row('new')).toMatchObject({ READY: '0/2', 'UP-TO-DATE': 0, AVAILABLE: 0, AGE: '0s' });
  });
});

describe('the ReplicaSet row', () => {
  const row = (name: string) => renderRow(replicaSetRow, fixture(replicaSets, name));

  it('declares DESIRED CURRENT READY as integers', () => {
    expect(replicaSetRow.columns.slice(1, 4)).toMatchObject([
      { name: 'Desired', type: 'integer' },
      { name: 'Current', type: 'integer' },
      { name: 'Ready', type: 'integer' },
    ]);
  });

  it('prints desired, current and ready replicas', () => {
    expect(row('echo-7c9d8f6b5')).toEqual({
      NAME: 'echo-7c9d8f6b5',
      DESIRED: 3,
      CURRENT: 3,
      READY: 2,
      AGE: '5m',
      CONTAINERS: 'agnhost',
      IMAGES: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
      SELECTOR: 'app=echo,pod-template-hash=7c9d8f6b5',
    });
  });

  it('prints an old ReplicaSet scaled to zero', () => {
    expect(row('echo-6b8f9d7c4')).toMatchObject({ DESIRED: 0, CURRENT: 0, READY: 0, AGE: '120m' });
  });
});
