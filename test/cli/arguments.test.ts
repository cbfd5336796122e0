import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../source/cli/node-version.ts';
import { findOldNode, projectRoot, startCli } from './run-cli.ts';

const packageVersion = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version;

describe('command-line arguments', () => {
  it('prints help with the commands and exits 0', async () => {
    const result = await startCli(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: k8s-expose-tutor');
    expect(result.stdout).toMatch(/sandbox \[options\]\s+run the embedded sandbox/);
  });

  it('prints help for a subcommand', async () => {
    const result = await startCli(['sandbox', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('--kubeconfig <path>');
    expect(result.stdout).toContain('--port <number>');
  });

  it('prints the package version', async () => {
    const result = await startCli(['--version']);
    expect(result.stdout.trim()).toBe(packageVersion);
    expect(result.exitCode).toBe(0);
  });

  it.each([
    [['bogus'], "k8s-expose-tutor: unknown command 'bogus' (see 'k8s-expose-tutor --help')"],
    [
      ['sandbox', '--nope'],
      "k8s-expose-tutor: unknown option '--nope' (see 'k8s-expose-tutor sandbox --help')",
    ],
    [['--nope'], "k8s-expose-tutor: unknown option '--nope' (see 'k8s-expose-tutor --help')"],
    [
      ['sandbox', '--port', 'abc'],
      "k8s-expose-tutor: --port must be a whole number from 1 to 65535, not 'abc'",
    ],
    [
      ['sandbox', '--port', '70000'],
      "k8s-expose-tutor: --port must be a whole number from 1 to 65535, not '70000'",
    ],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const result = await startCli(args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(message);
    expect(result.stdout).toBe('');
  });
});

describe('a command group without its subcommand', () => {
  it('prints the group usage on stderr and exits 2', async () => {
    const result = await startCli(['cluster']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: k8s-expose-tutor cluster [options] [command]');
  });
});

describe('the Node.js version check', () => {
  it('accepts 22.19 and newer and explains anything older in one line', () => {
    expect(nodeVersionProblem('22.19.0')).toBeUndefined();
    expect(nodeVersionProblem('24.21.0')).toBeUndefined();
    expect(nodeVersionProblem('23.0.0')).toBeUndefined();
    expect(nodeVersionProblem('22.18.9')).toContain(
      'needs Node.js 22.19 or newer, but this is Node.js 22.18.9',
    );
    expect(nodeVersionProblem('20.20.2')).not.toContain('\n');
  });

  const oldNode = findOldNode();
  it.skipIf(!oldNode)(
    'stops on an old Node.js before loading anything that would crash',
    async () => {
      const result = await startCli(['--help'], { node: oldNode! });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(
        /^k8s-expose-tutor needs Node\.js 22\.19 or newer, but this is Node\.js 2[0-2]\.\d+\.\d+: install a current Node\.js/,
      );
      expect(result.stderr.split('\n')).toHaveLength(1);
    },
  );
});
