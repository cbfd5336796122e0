import { hostsLookup } from './hosts-file.ts';
import type { Program } from './shell-machine.ts';

/** BusyBox `hostname`: the name, or with -i its addresses, -f the full name, -s the short one. */
export const hostname: Program = async (args, machine, io) => {
  const hosts = machine.files.get('/etc/hosts');
  const flag = args.find((arg) => arg.startsWith('-'));
  if (args.some((arg) => !arg.startsWith('-'))) {
    io.stderr('hostname: sethostname: Operation not permitted\n');
    return 1;
  }
  const fullName = () => {
    for (const line of (hosts ?? '').split('\n')) {
      const names = line.replace(/#.*/, '').trim().split(/\s+/).slice(1);
      if (names.includes(machine.hostname)) return names[0]!;
    }
    return machine.hostname;
  };
  switch (flag) {
    case undefined:
      io.stdout(`${machine.hostname}\n`);
      return 0;
    case '-i':
      io.stdout(`${hostsLookup(hosts, machine.hostname).join(' ')}\n`);
      return 0;
    case '-f':
      io.stdout(`${fullName()}\n`);
      return 0;
    case '-s':
      io.stdout(`${machine.hostname.split('.')[0]}\n`);
      return 0;
    case '-d':
      io.stdout(`${fullName().split('.').slice(1).join('.')}\n`);
      return 0;
    default:
      io.stderr(`hostname: unrecognized option: ${flag.replace(/^-+/, '')}\n`);
      return 1;
  }
};
