import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { defaultClusterName as clusterName } from '../../kind/kind-versions.ts';
import type { RuntimeName } from '../../runtime/runtime.ts';

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

export async function detectRuntime(facts: MachineFacts): Promise<RuntimeDetection> {
  const docker = facts.onPath('docker');
  const kind = facts.onPath('kind');
  const clusters = kind ? await facts.kindClusters().catch(() => []) : [];
  const hasCluster = clusters.includes(clusterName);

  let reason: string;
  if (hasCluster) reason = `the tutor's kind cluster "${clusterName}" exists, so lessons run on it`;
  else if (docker && kind)
    reason = `Docker and kind are installed but the tutor's cluster does not exist yet (k8s-expose-tutor cluster up creates it), so lessons run in the embedded sandbox`;
  else if (docker)
    reason = 'Docker is installed but kind is not, so lessons run in the embedded sandbox';
  else if (kind)
    reason = 'kind is installed but Docker is not, so lessons run in the embedded sandbox';
  else reason = 'neither Docker nor kind was found, so lessons run in the embedded sandbox';

  return {
    recommended: hasCluster ? 'kind' : 'sandbox',
    reason,
    choices: [
      {
        name: 'sandbox',
        available: true,
        note: 'an embedded Kubernetes API with real traffic, in this process — nothing to install',
      },
      {
        name: 'kind',
        available: hasCluster,
        note: hasCluster
          ? `the tutor's kind cluster "${clusterName}" in Docker`
          : docker && kind
            ? 'create the cluster first: k8s-expose-tutor cluster up'
            : 'needs Docker and kind on PATH, then k8s-expose-tutor cluster up',
      },
      {
        // Writing to someone's cluster takes an explicit opt-in the TUI does not ask for.
        name: 'context',
        available: false,
        note: 'only from the command line: k8s-expose-tutor run <lesson> --runtime context --context NAME --allow-writes',
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
