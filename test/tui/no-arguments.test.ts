import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.ts';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  });
  return { stream, text: () => text };
}

describe('k8s-expose-tutor with no arguments', () => {
  it('prints the lessons and how to run one as a transcript when stdout is not a terminal', async () => {
    const stdout = sink();
    const stderr = sink();
    const code = await main([], { stdout: stdout.stream, stderr: stderr.stream });
    expect(code).toBe(0);
    expect(stdout.text()).toMatch(/^#\s+ID\s+TITLE\s+PROGRESS/);
    expect(stdout.text()).toMatch(/02\s+clusterip\s+ClusterIP/);
    expect(stdout.text()).toContain('Run one with: k8s-expose-tutor run <id> --plain');
    expect(stderr.text()).toBe('');
  });
});
