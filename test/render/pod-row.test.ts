import { describe, expect, it } from 'vitest';
import { podRow } from '../../source/render/pod-row.ts';
import { fixture, renderRow } from '../support/render-row.ts';
import pods from './fixtures/pods.json' with { type: 'json' };

const row = (name: string) => renderRow(podRow, fixture(pods, name));

describe('the Pod row', () => {
  it('declares NAME READY STATUS RESTARTS AGE, and the -o wide columns with priority 1', () => {
    expect(podRow.columns.map((c) => [c.name.toUpperCase(), c.priority])).toEqual([
      ['NAME', 0],
      ['READY', 0],
      ['STATUS', 0],
      ['RESTARTS', 0],
      ['AGE', 0],
      ['IP', 1],
      ['NODE', 1],
      ['NOMINATED NODE', 1],
      ['READINESS GATES', 1],
    ]);
  });

  it('prints a running, ready pod with its IP and node', () => {
    expect(row('echo-7c9d8f6b5-x2k4q')).toEqual({
      NAME: 'echo-7c9d8f6b5-x2k4q',
      READY: '1/1',
      STATUS: 'Running',
      RESTARTS: '0',
      AGE: '5m',
      IP: '10.244.1.5',
      NODE: 'expose-tutor-worker',
      'NOMINATED NODE': '<none>',
      'READINESS GATES': '<none>',
    });
  });

  it('prints Pending with no IP or node before the pod is scheduled', () => {
    expect(row('unschedulable')).toMatchObject({
      READY: '0/1',
      STATUS: 'Pending',
      AGE: '45s',
      IP: '<none>',
      NODE: '<none>',
    });
  });

  it("prints a waiting container's reason: ContainerCreating", () => {
    expect(row('creating')).toMatchObject({ READY: '0/1', STATUS: 'ContainerCreating', AGE: '2s' });
  });

  it('prints Completed for a finished pod and marks the row Completed', () => {
    const pod = fixture(pods, 'one-shot');
    expect(renderRow(podRow, pod)).toMatchObject({ READY: '0/1', STATUS: 'Completed', AGE: '60m' });
    expect(podRow.conditions?.(pod)).toEqual([
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]);
    expect(podRow.conditions?.(fixture(pods, 'crashing'))).toBeUndefined();
  });

  it('prints restarts with the time since the last one', () => {
    expect(row('crashing')).toMatchObject({
      READY: '0/1',
      STATUS: 'CrashLoopBackOff',
      RESTARTS: '3 (2m ago)',
    });
  });

  it('prints Terminating once a running pod is being deleted', () => {
    expect(row('going-away')).toMatchObject({ READY: '1/1', STATUS: 'Terminating' });
  });

  it('counts init containers: Init:N/M while they run, Init:<reason> when one fails', () => {
    expect(row('initializing')).toMatchObject({ READY: '0/1', STATUS: 'Init:0/2' });
    // No lastState yet, so no "(… ago)": only a previous termination dates a restart.
    expect(row('init-failed')).toMatchObject({ STATUS: 'Init:Error', RESTARTS: '1' });
  });

  it('counts a running sidecar as a container and its restarts', () => {
    expect(row('with-sidecar')).toMatchObject({
      READY: '2/2',
      STATUS: 'Running',
      RESTARTS: '1 (15m ago)',
    });
  });

  it('says Running, not Completed, while another container still runs', () => {
    expect(row('half-done')).toMatchObject({ READY: '1/2', STATUS: 'Running' });
  });

  it('prints readiness gates that pass and the nominated node', () => {
    expect(row('gated')).toMatchObject({
      'READINESS GATES': '1/2',
      'NOMINATED NODE': 'expose-tutor-worker2',
    });
  });
});
