import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Sandbox } from '../../sandbox/sandbox.ts';
import { exposureChanges, type RequestHint, requestHint } from '../host-endpoint-lines.ts';
import { stateDirectory } from '../state-paths.ts';
import { UserError } from '../user-error.ts';

export interface SandboxCommandOptions {
  kubeconfig?: string;
  port?: string;
}

export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('run the embedded sandbox cluster in the foreground, for kubectl and curl')
    .option(
      '--kubeconfig <path>',
      'where to write its kubeconfig (default: in the state directory)',
    )
    .option('--port <number>', 'the API server port on 127.0.0.1 (default: a free port)')
    .addHelpText(
      'after',
      '\nThe sandbox is a small Kubernetes-compatible API server on loopback. Point kubectl at\nthe kubeconfig it prints; Ctrl-C stops it and removes what it created.',
    )
    .action(async (options: SandboxCommandOptions) => {
      await runSandboxCommand(options, { signal: stopSignal(), stdout: process.stdout });
    });
}

/** Aborts on the first Ctrl-C or SIGTERM. */
function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserError(`--port must be a whole number from 1 to 65535, not '${text}'`);
  }
  return port;
}

/** Refuses to overwrite a kubeconfig the sandbox did not write, such as ~/.kube/config. */
function checkKubeconfigTarget(path: string): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    throw new UserError(
      `${path} is a directory: give --kubeconfig the path of a file, e.g. ${join(path, 'sandbox.kubeconfig')}`,
    );
  }
  const text = readFileSync(path, 'utf8');
  if (!text.includes('current-context: expose-tutor-sandbox')) {
    throw new UserError(
      `${path} already exists and is not a sandbox kubeconfig: choose another path with --kubeconfig`,
    );
  }
}

export async function runSandboxCommand(
  options: SandboxCommandOptions,
  io: { signal: AbortSignal; stdout: NodeJS.WritableStream },
): Promise<void> {
  const port = parsePort(options.port);
  const kubeconfigPath = options.kubeconfig ?? join(stateDirectory(), 'sandbox.kubeconfig');
  checkKubeconfigTarget(kubeconfigPath);
  const { startSandbox } = await import('../../sandbox/sandbox.ts');
  const { writeKubeconfig, removeKubeconfig } = await import('../kubeconfig-file.ts');
  // Fail on an unwritable path before anything starts; the real contents follow.
  writeKubeconfig(kubeconfigPath, '');
  const sandbox = await startSandbox({ port }).catch((error: NodeJS.ErrnoException) => {
    removeKubeconfig(kubeconfigPath);
    if (error.code === 'EADDRINUSE') {
      throw new UserError(
        `port ${port} on 127.0.0.1 is already in use: choose another with --port, or leave --port out to use a free one`,
      );
    }
    if (error.code === 'EACCES') {
      throw new UserError(
        `port ${port} needs privileges this user does not have: choose a port above 1023 with --port`,
      );
    }
    throw error;
  });
  try {
    writeKubeconfig(kubeconfigPath, sandbox.kubeconfig());
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  io.stdout.write(
    [
      `Sandbox cluster "expose-tutor" is running: Kubernetes API on ${sandbox.url}`,
      '',
      'Use it from another terminal:',
      `  export KUBECONFIG=${kubeconfigPath}`,
      '  kubectl get nodes',
      '',
      'NodePorts, LoadBalancers, Ingresses and Gateways are reachable from this machine: each',
      'one is printed below as it appears, with a curl command to try.',
      '',
      'Press Ctrl-C to stop; the kubeconfig is removed when the sandbox stops.',
      '',
    ].join('\n'),
  );
  const stopPrinting = printHostEndpoints(sandbox, io.stdout);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  stopPrinting();
  io.stdout.write('Stopping the sandbox…\n');
  await sandbox.stop();
  removeKubeconfig(kubeconfigPath);
}

const objectResources = {
  NodePort: '/services',
  LoadBalancer: '/services',
  Ingress: 'networking.k8s.io/ingresses',
  Gateway: 'gateway.networking.k8s.io/gateways',
} as const;

/** Prints a line for each exposure as it appears, moves or goes; returns the stop function. */
function printHostEndpoints(sandbox: Sandbox, stdout: NodeJS.WritableStream): () => void {
  let printed = new Map<string, string>();
  const hintOf = (endpoint: Parameters<typeof requestHint>[0]): RequestHint | undefined => {
    const [namespace, name = ''] = endpoint.object.split('/');
    const object = sandbox.store.peek(objectResources[endpoint.kind], namespace, name);
    return requestHint(endpoint, object);
  };
  const print = () => {
    const { lines, next } = exposureChanges(printed, sandbox.dataPlane.hostEndpoints(), hintOf);
    printed = next;
    for (const line of lines) stdout.write(`${line}\n`);
  };
  print();
  return sandbox.dataPlane.onHostEndpointsChange(print);
}
