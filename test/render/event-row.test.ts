import { describe, expect, it } from 'vitest';
import { eventRow } from '../../source/render/event-row.ts';
import { fixture, renderRow } from '../support/render-row.ts';
import events from './fixtures/events.json' with { type: 'json' };

const row = (name: string) => renderRow(eventRow, fixture(events, name));

describe('the Event row', () => {
  it('declares LAST SEEN TYPE REASON OBJECT MESSAGE, the rest only with -o wide', () => {
    expect(eventRow.columns.map((c) => [c.name.toUpperCase(), c.priority])).toEqual([
      ['LAST SEEN', 0],
      ['TYPE', 0],
      ['REASON', 0],
      ['OBJECT', 0],
      ['SUBOBJECT', 1],
      ['SOURCE', 1],
      ['MESSAGE', 0],
      ['FIRST SEEN', 1],
      ['COUNT', 1],
      ['NAME', 1],
    ]);
  });

  it('prints a core event with kind/name, source and a trimmed message', () => {
    expect(row('echo-7c9d8f6b5-x2k4q.18a1b2c3d4e5f6a7')).toEqual({
      'LAST SEEN': '2m',
      TYPE: 'Normal',
      REASON: 'Pulled',
      OBJECT: 'pod/echo-7c9d8f6b5-x2k4q',
      SUBOBJECT: 'spec.containers{agnhost}',
      SOURCE: 'kubelet, expose-tutor-worker',
      MESSAGE:
        'Container image "registry.k8s.io/e2e-test-images/agnhost:2.66.1" already present on machine',
      'FIRST SEEN': '5m',
      COUNT: 4,
      NAME: 'echo-7c9d8f6b5-x2k4q.18a1b2c3d4e5f6a7',
    });
  });

  it('reads eventTime and the reporting controller from events.k8s.io-style events', () => {
    // 59.877 s ago: HumanDuration truncates to whole seconds.
    expect(row('echo.18a1b2c3d4e5f6b8')).toMatchObject({
      'LAST SEEN': '59s',
      OBJECT: 'deployment/echo',
      SOURCE: 'deployment-controller',
      'FIRST SEEN': '59s',
      COUNT: 1,
    });
  });

  it('takes the count and last time from a series', () => {
    expect(row('echo.18a1b2c3d4e5f6c9')).toMatchObject({
      'LAST SEEN': '30s',
      TYPE: 'Warning',
      SOURCE: 'service-lb-controller, cloud-provider-kind',
      'FIRST SEEN': '10m',
      COUNT: 7,
    });
  });

  it('prints the kind alone and <unknown> times when the event has neither', () => {
    expect(row('cluster-wide')).toMatchObject({
      'LAST SEEN': '<unknown>',
      OBJECT: 'node',
      'FIRST SEEN': '<unknown>',
    });
  });
});
