// Runs every benchmark in its own process, one after another (they measure the machine).
// Where `taskset` exists, each is pinned to one core so runs compare fairly.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const benches: { file: string; nodeFlags?: string[] }[] = [
  { file: 'sandbox-startup.ts' },
  { file: 'list-services.ts' },
  { file: 'sandbox-memory.ts', nodeFlags: ['--expose-gc'] },
  { file: 'traffic-hops.ts' },
  { file: 'lesson-runs.ts' },
  { file: 'inspect-scale.ts' },
  { file: 'tui-frames.tsx' },
];

const pin = spawnSync('taskset', ['-c', '0', 'true']).status === 0 ? ['taskset', '-c', '0'] : [];

for (const bench of benches) {
  console.log(`\n# ${bench.file}`);
  const command = [
    ...pin,
    process.execPath,
    ...(bench.nodeFlags ?? []),
    '--import',
    'tsx',
    join(import.meta.dirname, bench.file),
  ];
  execFileSync(command[0]!, command.slice(1), { stdio: 'inherit' });
}
