import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Sandbox, startSandbox } from '../../source/sandbox/sandbox.ts';
import { type FakeMachine, fakeMachine } from './fake-machine.ts';

/**
 * Fake machines (kind, docker, kubectl… on PATH) whose kubeconfig has the context kind writes,
 * `kind-expose-tutor`, answered by one sandbox standing in for the cluster. Registers the hooks
 * that start the sandbox for the file and clean up each test's machines.
 */
export function kindMachines() {
  let sandbox: Sandbox;
  let kubeconfig: string;
  const machines: FakeMachine[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ controllers: false });
    kubeconfig = sandbox.kubeconfig().replaceAll('expose-tutor-sandbox', 'kind-expose-tutor');
  });
  afterAll(() => sandbox.stop());
  afterEach(() => {
    for (const machine of machines.splice(0)) machine.cleanup();
  });
  /** A fresh machine; without `withContext` its kubeconfig is left as the fake wrote it. */
  return function machine(
    options: Parameters<typeof fakeMachine>[0] = {},
    withContext = true,
  ): FakeMachine {
    const created = fakeMachine(options);
    if (withContext) writeFileSync(created.io.env.KUBECONFIG!, kubeconfig, { mode: 0o600 });
    machines.push(created);
    return created;
  };
}
