import { describe, expect, it } from 'vitest';
import { patchSchemaOf } from '../../../source/sandbox/patch/patch-metadata.ts';
import { strategicMergePatch } from '../../../source/sandbox/patch/strategic-merge-patch.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { apiErrorFrom } from '../../support/api-error.ts';

const services = patchSchemaOf(resourceById('/services'));
const deployments = patchSchemaOf(resourceById('apps/deployments'));

function service(ports: object[], extra: object = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'echo', namespace: 'default', labels: { app: 'echo', team: 'web' } },
    spec: { type: 'ClusterIP', selector: { app: 'echo' }, ports, ...extra },
  };
}

const http = { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 };
const metrics = { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9090 };

function deployment(containers: object[], spec: object = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', finalizers: ['a.example.com', 'b.example.com'] },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers } },
      ...spec,
    },
  };
}

const failure = (action: () => unknown) => apiErrorFrom(action, 'expected the patch to fail');

describe('strategic merge patch', () => {
  it('merges Service ports by port, as kubectl apply sends a changed port', () => {
    // kubectl apply after `port: 80` became `port: 8081` in the manifest.
    const patch = {
      spec: {
        ports: [
          { name: 'http', port: 8081, targetPort: 8080 },
          { $patch: 'delete', port: 80 },
        ],
        '$setElementOrder/ports': [{ port: 8081 }, { port: 9090 }],
      },
    };
    const result = strategicMergePatch(service([http, metrics]), patch, services);
    expect(result.spec.ports).toEqual([{ name: 'http', port: 8081, targetPort: 8080 }, metrics]);
    expect(result.metadata.labels).toEqual({ app: 'echo', team: 'web' });
  });

  it('changes one port field without touching the other items', () => {
    const patch = { spec: { ports: [{ port: 80, targetPort: 9376 }] } };
    const result = strategicMergePatch(service([http, metrics]), patch, services);
    expect(result.spec.ports).toEqual([{ ...http, targetPort: 9376 }, metrics]);
  });

  it('puts a new item first when no $setElementOrder says otherwise', () => {
    const patch = { spec: { ports: [{ name: 'admin', port: 8443 }] } };
    const result = strategicMergePatch(service([http, metrics]), patch, services);
    expect(result.spec.ports.map((p: { port: number }) => p.port)).toEqual([8443, 80, 9090]);
  });

  it('orders items by $setElementOrder, server-only items keeping their place', () => {
    const patch = {
      spec: {
        ports: [{ name: 'admin', port: 8443 }],
        '$setElementOrder/ports': [{ port: 9090 }, { port: 8443 }],
      },
    };
    const result = strategicMergePatch(service([http, metrics]), patch, services);
    expect(result.spec.ports.map((p: { port: number }) => p.port)).toEqual([80, 9090, 8443]);
    expect(JSON.stringify(result)).not.toContain('$setElementOrder');
  });

  it('merges containers by name and their ports by containerPort, env by name', () => {
    const live = deployment([
      {
        name: 'web',
        image: 'agnhost:2.65',
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
        env: [{ name: 'A', value: '1' }],
      },
      { name: 'sidecar', image: 'busybox' },
    ]);
    const patch = {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'web',
                image: 'agnhost:2.66.1',
                ports: [{ containerPort: 9090 }],
                env: [{ name: 'A', value: '2' }],
              },
            ],
          },
        },
      },
    };
    const result = strategicMergePatch(live, patch, deployments);
    const [web, sidecar] = result.spec.template.spec.containers;
    expect(web.image).toBe('agnhost:2.66.1');
    expect(web.ports).toEqual([{ containerPort: 9090 }, { containerPort: 8080, protocol: 'TCP' }]);
    expect(web.env).toEqual([{ name: 'A', value: '2' }]);
    expect(sidecar).toEqual({ name: 'sidecar', image: 'busybox' });
  });

  it('deletes a list item with $patch: delete', () => {
    const live = deployment([{ name: 'web' }, { name: 'sidecar' }]);
    const patch = {
      spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } },
    };
    const result = strategicMergePatch(live, patch, deployments);
    expect(result.spec.template.spec.containers).toEqual([{ name: 'web' }]);
  });

  it('replaces a whole list with $patch: replace', () => {
    const live = deployment([{ name: 'web', image: 'a' }, { name: 'sidecar' }]);
    const patch = {
      spec: {
        template: { spec: { containers: [{ name: 'only', image: 'b' }, { $patch: 'replace' }] } },
      },
    };
    const result = strategicMergePatch(live, patch, deployments);
    expect(result.spec.template.spec.containers).toEqual([{ name: 'only', image: 'b' }]);
  });

  it('replaces a map with $patch: replace and empties it with $patch: delete', () => {
    const replaced = strategicMergePatch(
      service([http]),
      { metadata: { labels: { $patch: 'replace', tier: 'front' } } },
      services,
    );
    expect(replaced.metadata.labels).toEqual({ tier: 'front' });
    const deleted = strategicMergePatch(
      service([http]),
      { spec: { selector: { $patch: 'delete' } } },
      services,
    );
    expect(deleted.spec.selector).toEqual({});
  });

  it('rejects $patch: merge in a list and unknown directives, as the server does', () => {
    const merge = failure(() =>
      strategicMergePatch(service([http]), { spec: { ports: [{ $patch: 'merge' }] } }, services),
    );
    expect(merge.message).toBe('merging lists cannot yet be specified in the patch');
    const unknown = failure(() =>
      strategicMergePatch(service([http]), { spec: { $patch: 'shuffle' } }, services),
    );
    expect(unknown.code).toBe(500);
    expect(unknown.message).toBe('unknown patch type: shuffle in map: map[$patch:shuffle]');
  });

  it('clears keys missing from $retainKeys (Deployment strategy to Recreate)', () => {
    const live = deployment([{ name: 'web' }], {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    });
    const patch = {
      spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } },
    };
    const result = strategicMergePatch(live, patch, deployments);
    expect(result.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('rejects a patch with keys outside its $retainKeys list', () => {
    const error = failure(() =>
      strategicMergePatch(
        deployment([], { strategy: { type: 'RollingUpdate' } }),
        { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 } } } },
        deployments,
      ),
    );
    expect(error.code).toBe(400);
    expect(error.message).toBe('invalid patch format of retainKeys');
  });

  it('merges primitive lists with the merge strategy and deletes from them', () => {
    const added = strategicMergePatch(
      deployment([]),
      { metadata: { finalizers: ['c.example.com', 'a.example.com'] } },
      deployments,
    );
    expect(added.metadata.finalizers).toEqual(['c.example.com', 'a.example.com', 'b.example.com']);
    const removed = strategicMergePatch(
      deployment([]),
      { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example.com'] } },
      deployments,
    );
    expect(removed.metadata.finalizers).toEqual(['b.example.com']);
  });

  it('replaces lists without a merge strategy (tolerations, args)', () => {
    const live = deployment([{ name: 'web', args: ['a', 'b'] }]);
    live.spec.template.spec = {
      ...live.spec.template.spec,
      tolerations: [{ key: 'x', operator: 'Exists' }],
    } as typeof live.spec.template.spec;
    const patch = {
      spec: {
        template: {
          spec: {
            tolerations: [{ key: 'y', operator: 'Exists' }],
            containers: [{ name: 'web', args: ['c'] }],
          },
        },
      },
    };
    const result = strategicMergePatch(live, patch, deployments);
    expect(result.spec.template.spec.tolerations).toEqual([{ key: 'y', operator: 'Exists' }]);
    expect(result.spec.template.spec.containers[0].args).toEqual(['c']);
  });

  it('removes fields set to null and merges maps key by key', () => {
    const patch = { metadata: { labels: { team: null, tier: 'front' } }, spec: { type: null } };
    const result = strategicMergePatch(service([http]), patch, services);
    expect(result.metadata.labels).toEqual({ app: 'echo', tier: 'front' });
    expect(result.spec).not.toHaveProperty('type');
  });

  it('reports a list item without its merge key', () => {
    const error = failure(() =>
      strategicMergePatch(service([http]), { spec: { ports: [{ name: 'x' }] } }, services),
    );
    expect(error.message).toBe('map: map[name:x] does not contain declared merge key: port');
  });

  it('never stores directives, even in values it takes over whole', () => {
    const live = deployment([{ name: 'web' }]);
    const patch = {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'web',
                env: [{ name: 'A', value: 'x' }],
                '$setElementOrder/env': [{ name: 'A' }],
              },
            ],
            volumes: [{ name: 'data', emptyDir: {}, $retainKeys: ['name', 'emptyDir'] }],
          },
        },
      },
    };
    const result = strategicMergePatch(live, patch, deployments);
    expect(JSON.stringify(result)).not.toMatch(/\$(patch|setElementOrder|retainKeys)/);
    expect(result.spec.template.spec.containers[0].env).toEqual([{ name: 'A', value: 'x' }]);
    expect(result.spec.template.spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
  });

  it('leaves its inputs untouched', () => {
    const live = service([http, metrics]);
    const before = structuredClone(live);
    const patch = { spec: { ports: [{ port: 80, $patch: 'delete' }] } };
    strategicMergePatch(live, patch, services);
    expect(live).toEqual(before);
    expect(patch.spec.ports).toEqual([{ port: 80, $patch: 'delete' }]);
  });
});
