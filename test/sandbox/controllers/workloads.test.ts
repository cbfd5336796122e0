import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { resourceCatalog } from '../../../source/sandbox/resources/catalog.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';

/** The workload controllers end to end, driven by the real kubectl as a learner would. */

let harness: SandboxHarness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
});

const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.66.1';
const alphabet = '[bcdfghjklmnpqrstvwxz2456789]';
const workerCidr: Record<string, RegExp> = {
  'expose-tutor-worker': /^10\.244\.1\.(\d+)$/,
  'expose-tutor-worker2': /^10\.244\.2\.(\d+)$/,
};

function deploymentYaml(name: string, replicas: number, namespace = 'default'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: ${name}
        image: ${agnhost}
        args: ["netexec", "--http-port=8080"]
        ports:
        - containerPort: 8080
`;
}

async function kubectl(args: string[], input?: string): Promise<string> {
  const result = await harness.kubectl(args, input);
  if (result.exitCode !== 0) {
    throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

function podsOf(app: string, namespace = 'default'): Readonly<KubeObject>[] {
  return harness.sandbox.store
    .scan('/pods', namespace)
    .filter((pod) => pod.metadata.labels?.app === app);
}

function replicaSetsOf(app: string, namespace = 'default'): Readonly<KubeObject>[] {
  return harness.sandbox.store
    .scan('apps/replicasets', namespace)
    .filter((rs) => rs.metadata.labels?.app === app);
}

function isReady(pod: Readonly<KubeObject>): boolean {
  return (
    pod.status?.phase === 'Running' &&
    !pod.metadata.deletionTimestamp &&
    pod.status.conditions?.some((c: Json) => c.type === 'Ready' && c.status === 'True')
  );
}

async function eventsJson(namespace = 'default'): Promise<Json[]> {
  return JSON.parse(await kubectl(['get', 'events', '-n', namespace, '-o', 'json'])).items;
}

describe('a Deployment of agnhost', () => {
  it('becomes three Running, Ready pods named echo-<hash>-<5>, spread over both workers', async () => {
    await kubectl(['apply', '-f', '-'], deploymentYaml('echo', 3));
    const rollout = await kubectl(['rollout', 'status', 'deploy/echo', '--timeout=60s']);
    expect(rollout).toContain('deployment "echo" successfully rolled out');

    const pods = await eventually(() => {
      const found = podsOf('echo');
      return found.length === 3 && found.every(isReady) && found;
    });
    const [rs] = replicaSetsOf('echo');
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(new RegExp(`^${alphabet}{6,10}$`));
    expect(rs!.metadata.name).toBe(`echo-${hash}`);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(new RegExp(`^echo-${hash}-${alphabet}{5}$`));
      const ip = pod.status!.podIP as string;
      const octet = Number(workerCidr[pod.spec!.nodeName]!.exec(ip)?.[1]);
      expect(octet).toBeGreaterThan(1);
      expect(octet).toBeLessThan(255);
      expect(pod.status!.podIPs).toEqual([{ ip }]);
      expect(pod.status!.hostIP).toBe(
        pod.spec!.nodeName === 'expose-tutor-worker' ? '172.18.0.3' : '172.18.0.4',
      );
    }
    expect(new Set(pods.map((p) => p.spec!.nodeName))).toEqual(
      new Set(['expose-tutor-worker', 'expose-tutor-worker2']),
    );
    expect(new Set(pods.map((p) => p.status!.podIP)).size).toBe(3);
  });

  it('reports pod status the way the kubelet does', () => {
    const pod = podsOf('echo')[0]!;
    expect(pod.status!.qosClass).toBe('BestEffort');
    expect(pod.status!.startTime).toBeDefined();
    expect(pod.status!.conditions.map((c: Json) => [c.type, c.status])).toEqual([
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
      ['PodScheduled', 'True'],
    ]);
    const [container] = pod.status!.containerStatuses;
    expect(container).toMatchObject({
      name: 'echo',
      image: agnhost,
      ready: true,
      started: true,
      restartCount: 0,
    });
    expect(container.imageID).toMatch(
      /^registry\.k8s\.io\/e2e-test-images\/agnhost@sha256:[0-9a-f]{64}$/,
    );
    expect(container.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(container.state.running.startedAt).toBeDefined();
  });

  it('shows the pods, their IPs and nodes in kubectl get pods -o wide', async () => {
    const table = await kubectl(['get', 'pods', '-o', 'wide']);
    for (const pod of podsOf('echo')) {
      const line = table.split('\n').find((l) => l.startsWith(`${pod.metadata.name} `));
      expect(line).toBeDefined();
      expect(line).toContain('Running');
      expect(line).toContain(` ${pod.status!.podIP} `);
      expect(line).toContain(` ${pod.spec!.nodeName} `);
    }
  });

  it('annotates the ReplicaSet and reports Available and Progressing', () => {
    const rs = replicaSetsOf('echo')[0]!;
    const deployment = harness.sandbox.store.peek('apps/deployments', 'default', 'echo')!;
    expect(rs.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'echo',
        uid: deployment.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(rs.status).toMatchObject({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
    expect(deployment.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(deployment.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(deployment.status!.unavailableReplicas).toBeUndefined();
    const conditions = Object.fromEntries(
      deployment.status!.conditions.map((c: Json) => [c.type, c]),
    );
    expect(conditions.Available).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
      message: 'Deployment has minimum availability.',
    });
    expect(conditions.Progressing).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
    });
  });

  it('leaves the events of every component in kubectl get events', async () => {
    const rsName = replicaSetsOf('echo')[0]!.metadata.name;
    const pod = podsOf('echo')[0]!;
    const events = await eventsJson();
    const find = (reason: string, name: string) =>
      events.find((e) => e.reason === reason && e.involvedObject.name === name);

    expect(find('ScalingReplicaSet', 'echo')).toMatchObject({
      type: 'Normal',
      message: `Scaled up replica set ${rsName} from 0 to 3`,
      source: { component: 'deployment-controller' },
      involvedObject: { kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'default' },
      count: 1,
    });
    expect(find('SuccessfulCreate', rsName!)?.message).toMatch(
      new RegExp(`^Created pod: ${rsName}-${alphabet}{5}$`),
    );
    expect(find('Scheduled', pod.metadata.name!)).toMatchObject({
      message: `Successfully assigned default/${pod.metadata.name} to ${pod.spec!.nodeName}`,
      reportingComponent: 'default-scheduler',
      action: 'Binding',
    });
    for (const reason of ['Created', 'Started']) {
      expect(find(reason, pod.metadata.name!)).toMatchObject({
        source: { component: 'kubelet', host: pod.spec!.nodeName },
        involvedObject: { kind: 'Pod', fieldPath: 'spec.containers{echo}', uid: pod.metadata.uid },
      });
    }
    expect(find('Pulled', pod.metadata.name!)?.message).toMatch(
      new RegExp(
        `^(Successfully pulled image "${agnhost}" in .+ including waiting\\)\\. Image size: \\d+ bytes\\.|Container image "${agnhost}" already present on machine and can be accessed by the pod)$`,
      ),
    );
    for (const event of events) {
      expect(event.metadata.name).toMatch(new RegExp(`^${event.involvedObject.name}\\.[0-9a-f]+$`));
    }

    const table = await kubectl(['get', 'events']);
    expect(table).toContain(`Scaled up replica set ${rsName} from 0 to 3`);
    expect(table).toContain('Successfully assigned default/');
  });

  it('scales down with kubectl scale, removing the pods doubled up on one node', async () => {
    const perNode = new Map<string, number>();
    for (const pod of podsOf('echo')) {
      perNode.set(pod.spec!.nodeName!, (perNode.get(pod.spec!.nodeName!) ?? 0) + 1);
    }
    const loneNode = [...perNode].find(([, count]) => count === 1)?.[0];
    await kubectl(['scale', 'deploy/echo', '--replicas=1']);
    const [survivor] = await eventually(() => {
      const found = podsOf('echo');
      return found.length === 1 && found;
    });
    expect(survivor!.spec!.nodeName).toBe(loneNode);
    const rsName = replicaSetsOf('echo')[0]!.metadata.name;
    const events = await eventsJson();
    expect(
      events.filter((e) => e.reason === 'SuccessfulDelete' && e.involvedObject.name === rsName),
    ).toHaveLength(2);
    expect(events.map((e) => e.message)).toContain(`Scaled down replica set ${rsName} from 3 to 1`);
    const killed = events.filter(
      (e) => e.reason === 'Killing' && e.involvedObject.name.startsWith(`${rsName}-`),
    );
    expect(killed.map((e) => e.message)).toEqual([
      'Stopping container echo',
      'Stopping container echo',
    ]);
    await eventually(
      () =>
        harness.sandbox.store.peek('apps/deployments', 'default', 'echo')!.status?.replicas === 1,
    );
  });

  it('rolls out a new ReplicaSet when the image changes', async () => {
    const newImage = 'registry.k8s.io/e2e-test-images/agnhost:2.67';
    await kubectl(['set', 'image', 'deploy/echo', `echo=${newImage}`]);
    expect(await kubectl(['rollout', 'status', 'deploy/echo', '--timeout=60s'])).toContain(
      'successfully rolled out',
    );
    const replicaSets = await eventually(() => {
      const found = replicaSetsOf('echo');
      return found.length === 2 && found;
    });
    const byRevision = Object.fromEntries(
      replicaSets.map((rs) => [rs.metadata.annotations!['deployment.kubernetes.io/revision'], rs]),
    );
    expect(byRevision['2']!.spec.replicas).toBe(1);
    expect(byRevision['1']!.spec.replicas).toBe(0);
    expect(byRevision['2']!.spec.template.spec.containers[0].image).toBe(newImage);
    const newHash = byRevision['2']!.metadata.labels!['pod-template-hash'];
    expect(newHash).not.toBe(byRevision['1']!.metadata.labels!['pod-template-hash']);
    const [pod] = await eventually(() => {
      const found = podsOf('echo');
      return found.length === 1 && found.every(isReady) && found;
    });
    expect(pod!.metadata.name).toMatch(new RegExp(`^echo-${newHash}-${alphabet}{5}$`));
    expect(pod!.spec!.containers[0].image).toBe(newImage);
    expect(await kubectl(['rollout', 'history', 'deploy/echo'])).toMatch(/1\s+<none>\s+2\s+<none>/);
  });

  it('is deleted promptly by kubectl delete, its ReplicaSets and pods after it', async () => {
    await kubectl(['delete', 'deploy', 'echo']);
    expect(harness.sandbox.store.peek('apps/deployments', 'default', 'echo')).toBeUndefined();
    await eventually(() => replicaSetsOf('echo').length === 0 && podsOf('echo').length === 0);
  });

  it('takes everything with it first under --cascade=foreground', async () => {
    await kubectl(['apply', '-f', '-'], deploymentYaml('fg', 2));
    await kubectl(['rollout', 'status', 'deploy/fg', '--timeout=60s']);
    await kubectl(['delete', 'deploy', 'fg', '--cascade=foreground']);
    // kubectl returned only once the Deployment was gone, which waited for its dependents.
    expect(replicaSetsOf('fg')).toEqual([]);
    expect(podsOf('fg')).toEqual([]);
  });
});

describe('pods on their own', () => {
  const podYaml = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
${extra}  containers:
  - name: ${name}
    image: ${agnhost}
    args: ["netexec", "--http-port=8080"]
`;

  it('are stopped and removed when deleted, at once with --grace-period=0 --force', async () => {
    await kubectl(['apply', '-f', '-'], podYaml('solo'));
    await kubectl(['wait', '--for=condition=Ready', 'pod/solo', '--timeout=60s']);
    await kubectl(['delete', 'pod', 'solo']);
    expect(harness.sandbox.store.peek('/pods', 'default', 'solo')).toBeUndefined();
    const killing = (await eventsJson()).find(
      (e) => e.reason === 'Killing' && e.involvedObject.name === 'solo',
    );
    expect(killing?.message).toBe('Stopping container solo');

    await kubectl(['apply', '-f', '-'], podYaml('forced'));
    await kubectl(['wait', '--for=condition=Ready', 'pod/forced', '--timeout=60s']);
    await kubectl(['delete', 'pod', 'forced', '--grace-period=0', '--force']);
    expect(harness.sandbox.store.peek('/pods', 'default', 'forced')).toBeUndefined();
  });

  it('stay Pending with the scheduler’s reason when no node fits', async () => {
    await kubectl(['apply', '-f', '-'], podYaml('picky', '  nodeSelector:\n    disktype: ssd\n'));
    const condition = await eventually(() =>
      harness.sandbox.store
        .peek('/pods', 'default', 'picky')
        ?.status?.conditions?.find((c: Json) => c.type === 'PodScheduled' && c.status === 'False'),
    );
    const message =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    expect(condition).toMatchObject({ reason: 'Unschedulable', message });
    const failed = (await eventsJson()).find(
      (e) => e.reason === 'FailedScheduling' && e.involvedObject.name === 'picky',
    );
    expect(failed).toMatchObject({ type: 'Warning', message });
    expect((await kubectl(['get', 'pod', 'picky'])).split('\n')[1]).toMatch(/\bPending\b/);

    await kubectl(['label', 'node', 'expose-tutor-worker2', 'disktype=ssd']);
    const placed = await eventually(() => {
      const pod = harness.sandbox.store.peek('/pods', 'default', 'picky');
      return pod && isReady(pod) && pod;
    });
    expect(placed.spec!.nodeName).toBe('expose-tutor-worker2');
  });
});

describe('namespaces', () => {
  it('get a default ServiceAccount, and lose everything in them when deleted', async () => {
    await kubectl(
      ['apply', '-f', '-'],
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: scratch\n',
    );
    await kubectl(['apply', '-f', '-'], deploymentYaml('web', 2, 'scratch'));
    await kubectl(['rollout', 'status', '-n', 'scratch', 'deploy/web', '--timeout=60s']);
    await eventually(() => harness.sandbox.store.peek('/serviceaccounts', 'scratch', 'default'));
    expect(await kubectl(['get', 'sa', '-n', 'scratch', '-o', 'name'])).toContain(
      'serviceaccount/default',
    );

    await kubectl(['delete', 'namespace', 'scratch']);
    expect(harness.sandbox.store.peek('/namespaces', undefined, 'scratch')).toBeUndefined();
    for (const def of resourceCatalog.filter((d) => d.namespaced)) {
      expect(harness.sandbox.store.scan(def.id, 'scratch')).toEqual([]);
    }
  });
});
