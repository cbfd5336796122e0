// Bundles the CLI into one ESM file with no runtime dependencies: dist/cli.js.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

mkdirSync('dist', { recursive: true });

const result = await build({
  entryPoints: ['cli.tsx'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  jsx: 'automatic',
  minify: true,
  legalComments: 'linked',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  // Marking it external instead breaks start-up: esbuild hoists Ink's lazy import.
  alias: { 'react-devtools-core': './scripts/devtools-stub.js' },
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
writeFileSync('dist/meta.json', JSON.stringify(result.metafile)); // for `esbuild --analyze`-style size checks
const bytes = result.metafile.outputs['dist/cli.js'].bytes;
console.log(`dist/cli.js: ${(bytes / 1024).toFixed(0)} KiB`);
