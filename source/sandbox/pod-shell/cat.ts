import type { Program } from './shell-machine.ts';

/** BusyBox `cat`: the machine's files (/etc/hosts, /etc/resolv.conf, …), or stdin. */
export const cat: Program = async (args, machine, io) => {
  const paths = args.filter((arg) => arg !== '-u');
  if (paths.length === 0) {
    for await (const chunk of io.stdin ?? []) io.stdout(chunk);
    return 0;
  }
  let exitCode = 0;
  for (const path of paths) {
    if (path === '-') {
      for await (const chunk of io.stdin ?? []) io.stdout(chunk);
      continue;
    }
    const content = machine.files.get(path);
    if (content === undefined) {
      io.stderr(`cat: can't open '${path}': No such file or directory\n`);
      exitCode = 1;
      continue;
    }
    io.stdout(content);
  }
  return exitCode;
};
