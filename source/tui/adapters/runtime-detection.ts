import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { RuntimeName } from '../../runtime/runtime.ts';
import { clusterName } from '../../sandbox/cluster/topology.ts';

/**
 * Which runtime lessons should use here, and why, in the order DESIGN.md gives: the tutor's
 * kind cluster if it exists, else kind when Docker and kind are installed, else the sandbox.
 */

export interface RuntimeChoice {
  name: RuntimeName;
  /** False when this build or this machine cannot run lessons there. */
  available: boolean;
  /** One line: what it is, or why it is not available. */
  note: string;
}

export interface RuntimeDetection {
  recommended: RuntimeName;
  /** Why the recommended one: what was found on this machine. */
  reason: string;
  choices: RuntimeChoice[];
}

/** What detection asks of the machine; tests pass fakes. */
export interface MachineFacts {
  onPath(command: string): boolean;
  /** `kind get clusters`; only asked when kind is on PATH. */
  kindClusters(): Promise<string[]>;
}

/**
 * Runtimes open-runtime.ts can start in this build. kind and kubeconfig contexts plug in
 * there later; until then they are offered but marked as not available.
 */
const runtimesInThisBuild: ReadonlySet<RuntimeName> = new Set(['sandbox']);

export async function detectRuntime(facts: MachineFacts): Promise<RuntimeDetection> {
  const docker = facts.onPath('docker');
  const kind = facts.onPath('kind');
  const clusters = kind ? await facts.kindClusters().catch(() => []) : [];
  const hasCluster = clusters.includes(clusterName);
  const kindReady = runtimesInThisBuild.has('kind');

  let found: string;
  if (hasCluster) found = `the tutor's kind cluster "${clusterName}" exists`;
  else if (docker && kind) found = 'Docker and kind are installed';
  else if (docker) found = 'Docker is installed but kind is not';
  else if (kind) found = 'kind is installed but Docker is not';
  else found = 'neither Docker nor kind was found';

  const wantsKind = hasCluster || (docker && kind);
  const recommended: RuntimeName = wantsKind && kindReady ? 'kind' : 'sandbox';
  const reason =
    recommended === 'kind'
      ? `${found}, so lessons run on kind`
      : wantsKind
        ? `${found}, but this version cannot run lessons on kind yet, so they run in the embedded sandbox`
        : `${found}, so lessons run in the embedded sandbox`;

  return {
    recommended,
    reason,
    choices: [
      {
        name: 'sandbox',
        available: true,
        note: 'an embedded Kubernetes API with real traffic, in this process — nothing to install',
      },
      {
        name: 'kind',
        available: kindReady && docker && kind,
        note: !kindReady
          ? 'not available in this version yet'
          : docker && kind
            ? `a real cluster in Docker (${clusterName})`
            : 'needs Docker and kind on PATH',
      },
      {
        name: 'context',
        available: runtimesInThisBuild.has('context'),
        note: runtimesInThisBuild.has('context')
          ? 'your current kubeconfig context (asks before writing)'
          : 'not available in this version yet',
      },
    ],
  };
}

/** Looks for an executable on PATH without starting a process. */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  for (const directory of (env.PATH ?? '').split(delimiter)) {
    if (!directory) continue;
    try {
      accessSync(join(directory, command), constants.X_OK);
      return true;
    } catch {}
  }
  return false;
}

/** The machine itself: PATH lookups, and `kind get clusters` run with an argument array. */
export function machineFacts(env: NodeJS.ProcessEnv = process.env): MachineFacts {
  return {
    onPath: (command) => onPath(command, env),
    async kindClusters() {
      const { execa } = await import('execa');
      const result = await execa('kind', ['get', 'clusters'], {
        env,
        timeout: 5_000,
        reject: false,
      });
      return result.exitCode === 0 ? result.stdout.split('\n').map((line) => line.trim()) : [];
    },
  };
}
