// Runs every benchmark in its own process, one after another (they measure the machine).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const benches: { file: string; nodeFlags?: string[] }[] = [
  { file: 'sandbox-startup.ts' },
  { file: 'list-services.ts' },
  { file: 'sandbox-memory.ts', nodeFlags: ['--expose-gc'] },
];

for (const bench of benches) {
  console.log(`\n# ${bench.file}`);
  execFileSync(
    process.execPath,
    [...(bench.nodeFlags ?? []), '--import', 'tsx', join(import.meta.dirname, bench.file)],
    { stdio: 'inherit' },
  );
}
