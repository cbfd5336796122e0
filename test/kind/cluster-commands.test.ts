import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type ClusterCommandOptions,
  runClusterCommand,
} from '../../source/cli/commands/cluster-command.ts';
import { UserError } from '../../source/cli/user-error.ts';
import { kindConfigPath } from '../../source/kind/cluster-up.ts';
import { kindMachines } from '../support/kind-machines.ts';

// The fakes stand in for kind and docker; the sandbox stands in for the cluster kind would
// create, behind the context kind writes (`kind-expose-tutor`), so the wait for Ready nodes,
// the IngressClass and the GatewayClass runs the same client-node code as on kind.
const machine = kindMachines();

const up: ClusterCommandOptions = { name: 'expose-tutor', timeout: '5' };
const image =
  'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5';

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  const message = (error as UserError).message;
  expect(message).not.toContain('\n');
  return message;
}

describe('cluster up on Linux with Docker', () => {
  it('runs kind with the generated config and starts cloud-provider-kind as a container', async () => {
    const linux = machine();
    expect(await runClusterCommand('up', up, linux.io)).toBe(0);
    const configPath = kindConfigPath(linux.io.stateDirectory, 'expose-tutor');
    expect(linux.calls()).toEqual([
      'docker version --format {{json .}}',
      'docker info --format {{json .}}',
      'kind version',
      'kind get clusters',
      `kind create cluster --name expose-tutor --config ${configPath}`,
      'docker ps -a --format {{.Names}}\t{{.Image}}\t{{.State}}\t{{.Label "app.kubernetes.io/managed-by"}}',
      'ps -A -o command=',
      'docker run --detach --name expose-tutor-cloud-provider-kind --label app.kubernetes.io/managed-by=k8s-expose-tutor --restart unless-stopped --network host --volume /var/run/docker.sock:/var/run/docker.sock registry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.11.1',
    ]);
    // Node IPs are routable on Linux: no port mappings, so nothing on the host can collide.
    expect(parse(linux.kindConfig()!)).toEqual({
      kind: 'Cluster',
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      nodes: [
        { role: 'control-plane', image },
        { role: 'worker', image },
        { role: 'worker', image },
      ],
    });
    expect(readFileSync(configPath, 'utf8')).toBe(linux.kindConfig());
    const output = linux.output();
    expect(output).toContain(`$ kind create cluster --name expose-tutor --config ${configPath}`);
    expect(output).toContain('  ✓ Joining worker nodes 🚜');
    expect(output).toContain('✓ cloud-provider-kind started');
    expect(output).toContain(
      '✓ nodes 3/3 Ready, IngressClass cloud-provider-kind present, GatewayClass cloud-provider-kind present',
    );
  });

  it('is idempotent: a second up on a healthy cluster creates and starts nothing', async () => {
    const linux = machine();
    await runClusterCommand('up', up, linux.io);
    const before = linux.calls().length;
    expect(await runClusterCommand('up', up, linux.io)).toBe(0);
    const second = linux.calls().slice(before);
    expect(second.filter((call) => /^kind create|^docker (run|start)/.test(call))).toEqual([]);
    expect(linux.output()).toContain('✓ Cluster "expose-tutor" exists (kind get clusters)');
    expect(linux.output()).toContain(
      '✓ cloud-provider-kind is running (container expose-tutor-cloud-provider-kind)',
    );
  });

  it("restarts the tutor's stopped cloud-provider-kind container instead of creating another", async () => {
    const linux = machine();
    writeFileSync(
      join(linux.state, 'containers'),
      'expose-tutor-cloud-provider-kind\tregistry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.11.1\texited\tk8s-expose-tutor\n',
    );
    await runClusterCommand('up', up, linux.io);
    expect(linux.calls()).toContain('docker start expose-tutor-cloud-provider-kind');
    expect(linux.calls().some((call) => call.startsWith('docker run'))).toBe(false);
  });

  it("uses a cloud-provider-kind someone else runs and doesn't start a second", async () => {
    const linux = machine();
    writeFileSync(
      join(linux.state, 'containers'),
      'cloud-provider-kind-cloud-provider-1\tcloud-provider-kind\trunning\t\n',
    );
    await runClusterCommand('up', up, linux.io);
    expect(linux.calls().some((call) => call.startsWith('docker run'))).toBe(false);
    expect(linux.output()).toContain(
      '✓ cloud-provider-kind is running (container cloud-provider-kind-cloud-provider-1)',
    );
  });
});

describe('cluster up on Docker Desktop (macOS)', () => {
  it("maps the lessons' NodePorts and waits for the cloud-provider-kind binary the user runs", async () => {
    const desktop = machine({
      platform: 'darwin',
      env: {
        FAKE_DOCKER_DESKTOP: '1',
        FAKE_PROCESSES:
          'sudo cloud-provider-kind\n/opt/homebrew/bin/cloud-provider-kind --enable-lb-port-mapping',
      },
    });
    expect(await runClusterCommand('up', up, desktop.io)).toBe(0);
    const config = parse(desktop.kindConfig()!);
    expect(config.nodes[0].extraPortMappings).toEqual([
      { containerPort: 30080, hostPort: 30080, listenAddress: '127.0.0.1', protocol: 'TCP' },
      { containerPort: 30081, hostPort: 30081, listenAddress: '127.0.0.1', protocol: 'TCP' },
    ]);
    expect(config.nodes.slice(1)).toEqual([
      { role: 'worker', image },
      { role: 'worker', image },
    ]);
    expect(desktop.calls().some((call) => call.startsWith('docker run'))).toBe(false);
    expect(desktop.output()).toContain(
      '✓ cloud-provider-kind is running (a process on this machine)',
    );
  });

  it('explains how to run cloud-provider-kind with admin rights when it is not running', async () => {
    const desktop = machine({ platform: 'darwin', env: { FAKE_DOCKER_DESKTOP: '1' } });
    await runClusterCommand('up', up, desktop.io);
    expect(desktop.output()).toContain(
      'cloud-provider-kind is not running: run `sudo cloud-provider-kind` in another terminal (it needs admin rights to publish LoadBalancer ports); install it with `brew install cloud-provider-kind`.',
    );
  });

  it('refuses before kind runs when a NodePort it must map is taken on the host', async () => {
    const desktop = machine({ env: { FAKE_DOCKER_DESKTOP: '1' }, busyPorts: [30081] });
    const message = await failure(runClusterCommand('up', up, desktop.io));
    expect(message).toBe(
      "port 30081 on 127.0.0.1 is already in use, and the lessons' NodePort needs it on Docker Desktop 4.47.0 (206054): stop what listens there (`lsof -i :30081`), then retry",
    );
    expect(desktop.calls().some((call) => call.startsWith('kind create'))).toBe(false);
  });
});

describe('cluster up failures: one line with the fix', () => {
  it('the engine does not answer', async () => {
    const down = machine({ env: { FAKE_DOCKER_DOWN: '1' } });
    expect(await failure(runClusterCommand('up', up, down.io))).toBe(
      'docker is installed but the engine does not answer (Cannot connect to the Docker daemon): start Docker Desktop, or `sudo systemctl start docker` on Linux, then retry',
    );
    expect(down.calls().some((call) => call.startsWith('kind'))).toBe(false);
  });

  it('no engine at all', async () => {
    const bare = machine({ tools: ['kind'] });
    expect(await failure(runClusterCommand('up', up, bare.io))).toMatch(
      /^no container engine found \(docker or podman\): install/,
    );
  });

  it('kind is missing', async () => {
    const noKind = machine({ tools: ['docker', 'ps'] });
    expect(await failure(runClusterCommand('up', up, noKind.io))).toBe(
      'kind is not installed: install kind v0.32 or newer (https://kind.sigs.k8s.io/docs/user/quick-start/#installation), or use --runtime sandbox',
    );
  });

  it('kind is too old for the node image', async () => {
    const old = machine({ env: { FAKE_KIND_VERSION: 'v0.29.0' } });
    expect(await failure(runClusterCommand('up', up, old.io))).toMatch(
      /^kind v0\.29\.0 is older than v0\.32\.0, which kindest\/node:v1\.36\.1 needs: upgrade kind/,
    );
  });

  it('the node image cannot be pulled', async () => {
    const offline = machine({ env: { FAKE_KIND_FAIL: 'pull' } });
    expect(await failure(runClusterCommand('up', up, offline.io))).toBe(
      `could not pull the node image ${image}: check the network (or a proxy or registry mirror) and \`docker pull ${image}\`, or preload it from a workshop tarball, then retry`,
    );
  });

  it('a port kind publishes is already allocated', async () => {
    const busy = machine({ env: { FAKE_KIND_FAIL: 'port' } });
    expect(await failure(runClusterCommand('up', up, busy.io))).toBe(
      'port 30080 on this machine is already in use, so kind cannot publish it: stop what listens there (`lsof -i :30080`) or run `k8s-expose-tutor cluster down` for an old tutor cluster, then retry',
    );
  });

  it("cloud-provider-kind's image cannot be pulled", async () => {
    const offline = machine({ env: { FAKE_DOCKER_PULL_FAIL: '1' } });
    expect(await failure(runClusterCommand('up', up, offline.io))).toBe(
      'could not pull registry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.11.1: check the network and `docker pull registry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.11.1`, then retry',
    );
  });

  it('a cluster name kind would refuse', async () => {
    const any = machine();
    expect(await failure(runClusterCommand('up', { name: 'Expose_Tutor' }, any.io))).toMatch(
      /^--name must be lower-case letters/,
    );
    expect(any.calls()).toEqual([]);
  });
});

describe('cluster down and status', () => {
  it('down removes our cluster and our container, and nothing else', async () => {
    const shared = machine();
    writeFileSync(join(shared.state, 'clusters'), 'dev\n');
    writeFileSync(join(shared.state, 'containers'), 'registry\tregistry:2\trunning\t\n');
    await runClusterCommand('up', up, shared.io);
    expect(await runClusterCommand('down', { name: 'expose-tutor' }, shared.io)).toBe(0);
    const calls = shared.calls();
    expect(calls.filter((call) => /^kind delete|^docker rm/.test(call))).toEqual([
      'kind delete cluster --name expose-tutor',
      'docker rm --force expose-tutor-cloud-provider-kind',
    ]);
    expect(readFileSync(join(shared.state, 'clusters'), 'utf8')).toBe('dev\n');
    expect(readFileSync(join(shared.state, 'containers'), 'utf8')).toBe(
      'registry\tregistry:2\trunning\t\n',
    );
    expect(shared.output()).toContain('✓ Cluster "expose-tutor" deleted');
  });

  it('down leaves a same-named container the tutor did not start', async () => {
    const other = machine();
    writeFileSync(
      join(other.state, 'containers'),
      'expose-tutor-cloud-provider-kind\tsomething-else\trunning\t\n',
    );
    await runClusterCommand('down', { name: 'expose-tutor' }, other.io);
    expect(other.calls().some((call) => /^kind delete|^docker rm/.test(call))).toBe(false);
    expect(other.output()).toContain('No kind cluster "expose-tutor": nothing to delete');
    expect(other.output()).toContain(
      'Left container expose-tutor-cloud-provider-kind alone: the tutor did not start it',
    );
  });

  it('status says what exists, and exits 1 until the cluster is there', async () => {
    const fresh = machine();
    expect(await runClusterCommand('status', { name: 'expose-tutor' }, fresh.io)).toBe(1);
    expect(fresh.output()).toContain(
      'Cluster "expose-tutor": does not exist (create it with `k8s-expose-tutor cluster up`)',
    );
    await runClusterCommand('up', up, fresh.io);
    expect(await runClusterCommand('status', { name: 'expose-tutor' }, fresh.io)).toBe(0);
    expect(fresh.output()).toContain(
      'API: nodes 3/3 Ready, IngressClass cloud-provider-kind present, GatewayClass cloud-provider-kind present',
    );
  });
});
