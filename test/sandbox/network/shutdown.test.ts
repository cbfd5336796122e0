import { join } from 'node:path';
import { execa } from 'execa';
import { expect, it } from 'vitest';

// A process that ran a sandbox with traffic flowing must end by itself once the sandbox
// stopped: no socket, server or timer of the data plane may keep it alive.
it('lets the process exit on its own after sandbox.stop(), with connections left open', async () => {
  const script = join(import.meta.dirname, 'fixtures', 'sandbox-lifecycle.ts');
  const result = await execa(process.execPath, ['--import', 'tsx', script], {
    reject: false,
    timeout: 30_000,
  });
  expect(result.stderr).toBe('');
  expect(result.timedOut).toBe(false);
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toMatch(/^answered by echo-[a-z0-9]+-[a-z0-9]{5}; stopped$/);
});
