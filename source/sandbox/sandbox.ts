import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { createKindStrategies } from './admission/strategies.ts';
import { ApiServer } from './api/api-server.ts';
import { AuditLog } from './api/audit-log.ts';
import { answerPlainExec, ExecEndpoint } from './api/exec/exec-endpoint.ts';
import { ResourceOps } from './api/resource-ops.ts';
import { createSelfSignedCertificate } from './api/serving-certificate.ts';
import { WatchRegistry } from './api/watch-stream.ts';
import { seedCluster } from './cluster/seed.ts';
import type { ControllerOptions } from './controllers/controller.ts';
import { type ControllerSet, startControllers } from './controllers/controller-set.ts';
import { type ClusterNetwork, startClusterNetwork } from './network/cluster-network.ts';
import { DataPlane } from './network/data-plane.ts';
import { HostPorts } from './network/host-ports.ts';
import { podMachine } from './pod-shell/pod-machine.ts';
import { ObjectStore } from './store/object-store.ts';

export const sandboxContextName = 'expose-tutor-sandbox';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Run controllers (Deployments, endpoints, …). Off only for tests of the bare API. */
  controllers?: boolean;
  /** Pace and provider switches for the controllers. */
  controllerOptions?: ControllerOptions;
  /**
   * Resource plurals (`['ingresses']`) the API refuses with 403 Forbidden, to stand for a user
   * whose RBAC does not allow them. The sandbox has no RBAC otherwise.
   */
  forbid?: readonly string[];
}

/** A running sandbox: an API server on loopback, its store and its controllers. */
export interface Sandbox {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** PEM of the self-signed serving certificate, which is also the CA to trust. */
  readonly caPem: string;
  readonly store: ObjectStore;
  readonly ops: ResourceOps;
  readonly audit: AuditLog;
  /** The cluster's traffic: dial virtual addresses with `dataPlane.network.dial(flow)`. */
  readonly dataPlane: DataPlane;
  /** Cluster DNS (`clusterNetwork.dns.resolve`) and the requests pods answer. */
  readonly clusterNetwork: ClusterNetwork;
  /** A kubeconfig document (YAML) whose only context is `expose-tutor-sandbox`. */
  kubeconfig(): string;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const store = new ObjectStore();
  const ops = new ResourceOps(store, createKindStrategies());
  const audit = new AuditLog();
  const token = randomBytes(32).toString('base64url');
  seedCluster(ops);
  const dataPlane = new DataPlane();
  await dataPlane.start();
  const clusterNetwork = startClusterNetwork(store, dataPlane);
  // "Your machine": loopback listeners for NodePorts, load balancers, Ingresses and Gateways.
  const hostPorts = new HostPorts(store, dataPlane);
  dataPlane.exposeToHost(hostPorts);
  const controllers: ControllerSet | undefined =
    options.controllers === false
      ? undefined
      : startControllers(ops, options.controllerOptions, dataPlane);
  const certificate = await createSelfSignedCertificate('expose-tutor-sandbox', {
    dns: ['localhost'],
    ip: ['127.0.0.1'],
  });
  const server = new ApiServer({
    ops,
    watches: new WatchRegistry(store),
    token,
    audit,
    certificate,
    subresourceHandler: answerPlainExec,
    ...(options.forbid ? { forbid: options.forbid } : {}),
  });
  // pods/exec: kubectl exec and client-node's Exec run commands in the pod shell.
  const exec = new ExecEndpoint({
    token,
    store,
    audit,
    machineFor: (pod, container) =>
      podMachine({ store, dataPlane, dns: clusterNetwork.dns }, pod, container),
  });
  server.httpServer.on('upgrade', exec.handleUpgrade);
  let address: { port: number };
  try {
    address = await server.listen(options.port ?? 0);
    await hostPorts.start();
  } catch (error) {
    controllers?.stop();
    await server.close();
    await hostPorts.stop();
    clusterNetwork.stop();
    await dataPlane.stop();
    throw error;
  }
  const url = `https://127.0.0.1:${address.port}`;
  return {
    url,
    port: address.port,
    token,
    caPem: certificate.certPem,
    store,
    ops,
    audit,
    dataPlane,
    clusterNetwork,
    kubeconfig: () => kubeconfigFor(url, token, certificate.certPem),
    async stop() {
      controllers?.stop();
      exec.close();
      await server.close();
      await hostPorts.stop();
      clusterNetwork.stop();
      await dataPlane.stop();
    },
  };
}

export function kubeconfigFor(server: string, token: string, caPem: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: sandboxContextName,
        cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') },
      },
    ],
    users: [{ name: sandboxContextName, user: { token } }],
    contexts: [
      {
        name: sandboxContextName,
        context: { cluster: sandboxContextName, user: sandboxContextName, namespace: 'default' },
      },
    ],
    'current-context': sandboxContextName,
    preferences: {},
  });
}
