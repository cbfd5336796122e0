import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { KindIo } from '../../source/kind/kind-io.ts';
import { toolRunner } from '../../source/kind/tool-runner.ts';
import { textSink } from './text-sink.ts';

const fakeBin = resolve(import.meta.dirname, '../fixtures/fake-bin');
export type FakeTool = 'kind' | 'docker' | 'ps' | 'kubectl';

export interface FakeMachine {
  io: KindIo;
  state: string;
  /** Every command the fakes ran, one `tool arg …` line each, in order. */
  calls(): string[];
  output(): string;
  /** The kind config `kind create cluster --config` was given, as the fake saw it. */
  kindConfig(): string | undefined;
  cleanup(): void;
}

/**
 * A machine whose PATH holds only the chosen fake tools (plus /usr/bin and /bin for sh), so a
 * real docker or kind elsewhere can never answer. `env` switches the fakes' failures.
 */
export function fakeMachine(
  options: {
    tools?: FakeTool[];
    env?: Record<string, string>;
    platform?: NodeJS.Platform;
    busyPorts?: number[];
    kubeconfig?: string;
  } = {},
): FakeMachine {
  const state = mkdtempSync(join(tmpdir(), 'expose-tutor-fake-'));
  const bin = join(state, 'bin');
  mkdirSync(bin);
  for (const tool of options.tools ?? ['kind', 'docker', 'ps', 'kubectl'])
    symlinkSync(join(fakeBin, tool), join(bin, tool));
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:/usr/bin:/bin`,
    HOME: state,
    FAKE_STATE: state,
    KUBECONFIG: options.kubeconfig ?? join(state, 'kubeconfig'),
    ...options.env,
  };
  const sink = textSink();
  const busy = new Set(options.busyPorts ?? []);
  return {
    io: {
      stdout: sink,
      env,
      platform: options.platform ?? 'linux',
      run: toolRunner(env),
      stateDirectory: join(state, 'tutor-state'),
      portIsFree: async (port) => !busy.has(port),
    },
    state,
    calls: () => {
      const log = join(state, 'calls.log');
      return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];
    },
    output: () => sink.text(),
    kindConfig: () => {
      const file = join(state, 'kind-config.yaml');
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    },
    cleanup: () => rmSync(state, { recursive: true, force: true }),
  };
}
