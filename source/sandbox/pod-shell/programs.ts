import { agnhost } from './agnhost.ts';
import { cat } from './cat.ts';
import { curl } from './curl/curl.ts';
import { hostname } from './hostname.ts';
import { nslookup } from './nslookup.ts';
import { shellProgram } from './sh.ts';
import type { Program } from './shell-machine.ts';
import { echo, env, falseProgram, sleep, trueProgram } from './small-programs.ts';

/**
 * The programs a pod's container offers, with the paths Alpine (the agnhost image's base)
 * installs them at: curl, BIND's nslookup, BusyBox's sh, cat, hostname, echo, sleep, env …
 */
const installed: { paths: string[]; program: Program }[] = [
  { paths: ['/usr/bin/curl'], program: curl },
  { paths: ['/usr/bin/nslookup'], program: nslookup },
  { paths: ['/bin/hostname'], program: hostname },
  { paths: ['/bin/cat'], program: cat },
  { paths: ['/bin/echo'], program: echo },
  { paths: ['/bin/true'], program: trueProgram },
  { paths: ['/bin/false'], program: falseProgram },
  { paths: ['/bin/sleep'], program: sleep },
  { paths: ['/usr/bin/env', '/usr/bin/printenv'], program: env },
  { paths: ['/bin/sh', '/bin/ash'], program: shellProgram('sh', findProgram) },
  { paths: ['/bin/bash'], program: shellProgram('bash', findProgram) },
  { paths: ['/agnhost', '/agnhost-2'], program: agnhost },
];

/** The image's PATH: a bare name is found only in these directories. */
const pathDirectories = new Set([
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
]);

const byPath = new Map<string, Program>();
const byName = new Map<string, Program>();
for (const { paths, program } of installed) {
  for (const path of paths) {
    byPath.set(path, program);
    const slash = path.lastIndexOf('/');
    if (pathDirectories.has(path.slice(0, slash))) byName.set(path.slice(slash + 1), program);
  }
}

/** The program `name` runs: a path must exist; a bare name is looked up on PATH. */
export function findProgram(name: string): Program | undefined {
  if (name.includes('/')) return byPath.get(name.replace(/^\/usr\/local\/bin\//, '/usr/bin/'));
  return byName.get(name);
}
