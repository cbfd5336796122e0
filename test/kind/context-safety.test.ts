import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runLessonCommand } from '../../source/cli/commands/run-command.ts';
import { UserError } from '../../source/cli/user-error.ts';
import { openContextRuntime } from '../../source/runtime/context-runtime.ts';
import { type Sandbox, startSandbox } from '../../source/sandbox/sandbox.ts';
import { type FakeMachine, fakeMachine } from '../support/fake-machine.ts';
import { textSink } from '../support/text-sink.ts';

// A learner whose current context is a real cluster ("prod", here a sandbox). Running a lesson
// there without --context prod --allow-writes and the typed name is refused before any
// request: the sandbox's audit log stays empty.
let prod: Sandbox;
let machine: FakeMachine;

beforeAll(async () => {
  prod = await startSandbox({ controllers: false });
  machine = fakeMachine();
  const config = parse(prod.kubeconfig().replaceAll('expose-tutor-sandbox', 'prod'));
  writeFileSync(machine.io.env.KUBECONFIG!, stringify(config), { mode: 0o600 });
});
afterAll(async () => {
  await prod.stop();
  machine.cleanup();
});
afterEach(() => prod.audit.clear());

async function run(
  options: { runtime: string; context?: string; allowWrites?: boolean },
  typed?: string,
): Promise<{ error: unknown; asked: string[] }> {
  const asked: string[] = [];
  const error = await runLessonCommand(
    'clusterip',
    { plain: true, pace: '0.05', ...options },
    {
      stdout: textSink(),
      stderr: textSink(),
      env: machine.io.env,
      stateDirectory: machine.io.stateDirectory,
      confirm: async (context) => {
        asked.push(context);
        return typed ?? '';
      },
    },
  ).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { error, asked };
}

describe('lessons on a kubeconfig context', () => {
  it('are refused without --context and --allow-writes, and nothing reaches the cluster', async () => {
    for (const options of [
      { runtime: 'context' },
      { runtime: 'context', context: 'prod' },
      { runtime: 'context', allowWrites: true },
    ]) {
      const { error, asked } = await run(options, 'prod');
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toMatch(/^lessons create objects in the cluster/);
      expect(asked).toEqual([]);
    }
    expect(prod.audit.all()).toEqual([]);
  });

  it('are refused when the typed name is not the context, and nothing reaches the cluster', async () => {
    const { error, asked } = await run(
      { runtime: 'context', context: 'prod', allowWrites: true },
      'yes',
    );
    expect(asked).toEqual(['prod']);
    expect((error as UserError).message).toBe(
      'not confirmed: type the context name "prod" exactly to let the lesson write to it',
    );
    expect(prod.audit.all()).toEqual([]);
  });

  it('the kind runtime never falls back to the current context', async () => {
    const { error } = await run({ runtime: 'kind' });
    expect((error as UserError).message).toBe(
      'no kubeconfig context kind-expose-tutor: create the cluster with `k8s-expose-tutor cluster up`',
    );
    expect(prod.audit.all()).toEqual([]);
  });

  it('with the full opt-in, the runtime opens on that context', async () => {
    const runtime = await openContextRuntime({
      context: 'prod',
      allowWrites: true,
      confirm: async () => 'prod',
      env: machine.io.env,
    });
    expect(runtime.description).toBe(`context prod (API on ${prod.url})`);
    expect([...runtime.capabilities].sort()).toEqual(['gateway', 'ingress']);
    expect(prod.audit.all().length).toBeGreaterThan(0);
    prod.audit.clear();
    await expect(
      runtime.cluster.apply(
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'IngressClass',
          metadata: { name: 'mine' },
          spec: { controller: 'example.com/ingress' },
        },
        {},
      ),
    ).rejects.toThrow(
      'IngressClass "mine" lives outside the lesson\'s namespace, and on context prod the tutor writes only inside its own namespaces: run this lesson with --runtime kind or sandbox',
    );
    expect(prod.audit.all()).toEqual([]);
    await runtime.stop();
  });
});
