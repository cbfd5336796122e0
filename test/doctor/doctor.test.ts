import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runClusterCommand } from '../../source/cli/commands/cluster-command.ts';
import { runDoctorCommand } from '../../source/cli/commands/doctor-command.ts';
import type { DoctorReport } from '../../source/doctor/run-doctor.ts';
import type { FakeMachine } from '../support/fake-machine.ts';
import { kindMachines } from '../support/kind-machines.ts';

// Fake kind, docker, ps and kubectl on PATH; the sandbox answers for the cluster behind the
// `kind-expose-tutor` context, so the node check runs client-node as on kind.
const machine = kindMachines();

async function doctor(
  target: FakeMachine,
): Promise<{ exitCode: number; report: DoctorReport; byId: Record<string, string> }> {
  const before = target.output().length;
  const exitCode = await runDoctorCommand({ json: true, name: 'expose-tutor' }, target.io);
  const report = JSON.parse(target.output().slice(before)) as DoctorReport;
  const byId = Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
  return { exitCode, report, byId };
}

const up = { name: 'expose-tutor', timeout: '5' };

describe('doctor', () => {
  it('is ready (exit 0) on Linux with a cluster from cluster up, and says why per check', async () => {
    const linux = machine();
    await runClusterCommand('up', up, linux.io);
    const { exitCode, report } = await doctor(linux);
    expect(exitCode).toBe(0);
    expect(report).toEqual({
      schemaVersion: 1,
      ready: true,
      cluster: 'expose-tutor',
      checks: [
        {
          id: 'engine',
          title: 'Container engine',
          status: 'ok',
          detail: 'Docker Engine - Community 28.5.1 answers (docker)',
        },
        { id: 'kind', title: 'kind', status: 'ok', detail: 'kind v0.32.0 go1.25.5 linux/amd64' },
        { id: 'kubectl', title: 'kubectl', status: 'ok', detail: 'kubectl v1.36.1' },
        {
          id: 'platform',
          title: 'Platform',
          status: 'ok',
          detail:
            'Docker Engine - Community on Linux: node and LoadBalancer IPs are routable from this machine',
        },
        {
          id: 'host-ports',
          title: 'Host ports',
          status: 'ok',
          detail: 'none needed: NodePorts are reached on the node IPs',
        },
        {
          id: 'cloud-provider-kind',
          title: 'cloud-provider-kind',
          status: 'ok',
          detail: 'running in container expose-tutor-cloud-provider-kind',
        },
        {
          id: 'cluster',
          title: 'Tutor cluster',
          status: 'ok',
          detail:
            '"expose-tutor" (context kind-expose-tutor): nodes 3/3 Ready, IngressClass cloud-provider-kind present, GatewayClass cloud-provider-kind present',
        },
      ],
    });
  });

  it('prints one line per check with its fix, and exits 1 when one fails', async () => {
    const fresh = machine();
    const exitCode = await runDoctorCommand({ name: 'expose-tutor' }, fresh.io);
    expect(exitCode).toBe(1);
    expect(fresh.output()).toContain(
      '✗ cloud-provider-kind: not running: LoadBalancer Services stay <pending>, Ingress and Gateway have no controller\n    fix: `k8s-expose-tutor cluster up` starts it as a container\n',
    );
    expect(fresh.output()).toContain(
      '✗ Tutor cluster: no kind cluster named "expose-tutor"\n    fix: create it with `k8s-expose-tutor cluster up`\n',
    );
    expect(fresh.output()).toContain('Not ready for the kind runtime yet');
  });

  it('asks the engine, not only the client: a client without its daemon fails', async () => {
    const down = machine({ env: { FAKE_DOCKER_DOWN: '1' } });
    const { exitCode, report } = await doctor(down);
    expect(exitCode).toBe(1);
    expect(report.checks[0]).toEqual({
      id: 'engine',
      title: 'Container engine',
      status: 'fail',
      detail:
        'docker (client 28.5.1) is installed but the engine does not answer: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      fix: 'start Docker Desktop, or `sudo systemctl start docker` on Linux, then retry',
    });
  });

  it('nothing installed: engine and kind fail, kubectl only warns', async () => {
    const bare = machine({ tools: ['ps'] });
    const { exitCode, byId, report } = await doctor(bare);
    expect(exitCode).toBe(1);
    expect(byId).toMatchObject({ engine: 'fail', kind: 'fail', kubectl: 'warn', cluster: 'fail' });
    expect(report.checks.find((check) => check.id === 'kind')?.fix).toBe(
      'install kind v0.32.0 or newer (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)',
    );
  });

  it('old kind fails, old kubectl warns', async () => {
    const old = machine({ env: { FAKE_KIND_VERSION: 'v0.27.0', FAKE_KUBECTL_VERSION: 'v1.31.4' } });
    const { report } = await doctor(old);
    const kind = report.checks.find((check) => check.id === 'kind');
    const kubectl = report.checks.find((check) => check.id === 'kubectl');
    expect(kind?.status).toBe('fail');
    expect(kind?.detail).toBe(
      'kind v0.27.0 go1.25.5 linux/amd64 is older than v0.32.0, which kindest/node:v1.36.1 needs',
    );
    expect(kubectl?.status).toBe('warn');
    expect(kubectl?.detail).toBe(
      'kubectl v1.31.4 is more than one minor version behind the v1.36 cluster',
    );
  });

  it('Docker Desktop: node IPs are not routable, and a taken NodePort fails until the cluster holds it', async () => {
    const desktop = machine({
      platform: 'darwin',
      env: { FAKE_DOCKER_DESKTOP: '1', FAKE_PROCESSES: 'cloud-provider-kind' },
      busyPorts: [30080],
    });
    const before = await doctor(desktop);
    expect(before.report.checks.find((check) => check.id === 'platform')).toMatchObject({
      status: 'warn',
      detail:
        'Docker Desktop 4.47.0 (206054) runs the nodes in a VM: node IPs (172.18.0.x) are not routable from this machine',
    });
    expect(before.report.checks.find((check) => check.id === 'host-ports')).toEqual({
      id: 'host-ports',
      title: 'Host ports',
      status: 'fail',
      detail: '30080 on 127.0.0.1 already in use; the NodePort lessons publish 30080, 30081 there',
      fix: 'stop what listens there (`lsof -i :30080`), then run `k8s-expose-tutor cluster up`',
    });
    expect(before.byId['cloud-provider-kind']).toBe('ok');

    // After cluster up the ports are busy because the control-plane node publishes them.
    const free = machine({
      platform: 'darwin',
      env: { FAKE_DOCKER_DESKTOP: '1', FAKE_PROCESSES: 'cloud-provider-kind' },
    });
    await runClusterCommand('up', up, free.io);
    free.io.portIsFree = async () => false;
    const after = await doctor(free);
    expect(after.report.checks.find((check) => check.id === 'host-ports')?.detail).toBe(
      '30080, 30081 on 127.0.0.1 published by expose-tutor-control-plane',
    );
    expect(after.exitCode).toBe(0);
  });

  it('rootless engines cannot publish ports below 1024', async () => {
    const rootless = machine({ env: { FAKE_DOCKER_ROOTLESS: '1' } });
    const { report } = await doctor(rootless);
    expect(report.checks.find((check) => check.id === 'platform')).toMatchObject({
      status: 'warn',
      detail: 'rootless docker: ports below 1024 cannot be published on this machine',
    });
  });

  it('a cluster whose context is missing from the kubeconfig fails with the export command', async () => {
    const noContext = machine({}, false);
    writeFileSync(join(noContext.state, 'clusters'), 'expose-tutor\n');
    const { report } = await doctor(noContext);
    expect(report.checks.find((check) => check.id === 'cluster')).toMatchObject({
      status: 'fail',
      detail: 'cluster "expose-tutor" exists but your kubeconfig has no context kind-expose-tutor',
      fix: 'run `kind export kubeconfig --name expose-tutor`',
    });
  });
});
