import { afterAll, describe, expect, it } from 'vitest';
import { startCli } from '../cli/run-cli.ts';
import { fakeMachine } from '../support/fake-machine.ts';

// The commands as a user runs them (a separate process), on a PATH holding only the fakes:
// one line on stderr and exit code 1 when the machine is not ready.
const machine = fakeMachine({ env: { FAKE_DOCKER_DOWN: '1' } });
const env = { ...(machine.io.env as Record<string, string>), NO_COLOR: '1' };
afterAll(() => machine.cleanup());

describe('cluster and doctor from the command line', () => {
  it('cluster up with the engine down: one line, exit 1', async () => {
    const result = await startCli(['cluster', 'up'], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      'k8s-expose-tutor: docker is installed but the engine does not answer (Cannot connect to the Docker daemon): start Docker Desktop, or `sudo systemctl start docker` on Linux, then retry',
    );
    expect(result.stdout).toBe('');
  });

  it('doctor --json with the engine down: the JSON report, exit 1', async () => {
    const result = await startCli(['doctor', '--json'], { env });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.ready).toBe(false);
    expect(report.checks.map((check: { id: string }) => check.id)).toEqual([
      'engine',
      'kind',
      'kubectl',
      'platform',
      'host-ports',
      'cloud-provider-kind',
      'cluster',
    ]);
  });

  it('a bad cluster name is a usage error, exit 2', async () => {
    const result = await startCli(['cluster', 'status', '--name', 'Not_Valid'], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      "k8s-expose-tutor: --name must be lower-case letters, digits and dashes (a kind cluster name), not 'Not_Valid'",
    );
  });
});
