import type { Json, KubeObject } from '../kube-object.ts';
import { ApiError, badRequest } from '../status.ts';

/** A `pods/exec` request's PodExecOptions, read from its query string. */
export interface ExecOptions {
  command: string[];
  container: string;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value === 'true' || value === '1';
}

function names(containers: Json[] | undefined): string {
  return (containers ?? []).map((c) => c.name).join(' ');
}

/**
 * The options, checked the way kube-apiserver's ExecLocation checks them before it connects to
 * the kubelet: the container must be named when the pod has several, must exist, and the pod
 * must be scheduled. Throws an ApiError (answered as an HTTP error, before any upgrade).
 */
export function execOptionsFor(pod: Readonly<KubeObject>, query: URLSearchParams): ExecOptions {
  const name = pod.metadata.name!;
  const containers = (pod.spec?.containers ?? []) as Json[];
  const initContainers = (pod.spec?.initContainers ?? []) as Json[];
  let container = query.get('container') ?? '';
  if (!container) {
    if (containers.length === 1) container = containers[0]!.name;
    else if (containers.length === 0)
      throw badRequest(`a container name must be specified for pod ${name}`);
    else {
      let message = `a container name must be specified for pod ${name}, choose one of: [${names(containers)}]`;
      if (initContainers.length > 0)
        message += ` or one of the init containers: [${names(initContainers)}]`;
      throw badRequest(message);
    }
  } else if (![...containers, ...initContainers].some((c) => c.name === container)) {
    throw badRequest(`container ${container} is not valid for pod ${name}`);
  }
  if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  const options: ExecOptions = {
    command: query.getAll('command'),
    container,
    stdin: flag(query, 'stdin'),
    stdout: flag(query, 'stdout'),
    stderr: flag(query, 'stderr'),
    tty: flag(query, 'tty'),
  };
  // The kubelet's own checks (remotecommand.NewOptions), reported through the API server.
  if (!options.stdin && !options.stdout && !options.stderr)
    throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  if (options.tty && options.stderr) options.stderr = false;
  return options;
}

/** Whether the container has a running process to exec into. */
export function containerIsRunning(pod: Readonly<KubeObject>, container: string): boolean {
  const statuses = [
    ...((pod.status?.containerStatuses ?? []) as Json[]),
    ...((pod.status?.initContainerStatuses ?? []) as Json[]),
  ];
  return statuses.some((status) => status.name === container && status.state?.running);
}

export { ApiError };
