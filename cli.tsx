#!/usr/bin/env node
// The entry point checks the Node.js version before anything else loads: the tutor's
// dependencies crash at import on older versions, before they could explain themselves.
import { nodeVersionProblem } from './source/cli/node-version.ts';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(1);
}

const { main } = await import('./source/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
