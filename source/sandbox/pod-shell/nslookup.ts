import { parseResolvConf, searchCandidates } from './resolv-conf.ts';
import type { Program } from './shell-machine.ts';

/**
 * `nslookup NAME` as BIND 9's nslookup (Alpine's bind-tools, in the agnhost image) prints it:
 * the server, then the answer for the first name of the search list that exists — aliases as
 * `canonical name = …`, then `Name:`/`Address:` pairs — or `** server can't find …`.
 * CoreDNS is authoritative for the cluster domain; answers from outside it are marked
 * "Non-authoritative".
 */
export const nslookup: Program = async (args, machine, io) => {
  const operands = args.filter((arg) => !arg.startsWith('-'));
  const name = operands[0];
  if (!name) {
    io.stderr('nslookup: the sandbox runs nslookup for one name at a time: nslookup NAME\n');
    return 1;
  }
  const conf = parseResolvConf(machine.files.get('/etc/resolv.conf'));
  const server = machine.network.nameServer.address;
  if (operands[1] !== undefined && operands[1] !== server) {
    io.stdout(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  io.stdout(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
  const candidates = /^[\d.]+$/.test(name) ? [name] : searchCandidates(name, conf);
  for (const candidate of candidates) {
    const answer = await machine.network.nameServer.queryA(candidate);
    if (answer.rcode === 'NXDOMAIN') continue;
    if (answer.cnames.length === 0 && answer.addresses.length === 0) {
      io.stdout(`*** Can't find ${name}: No answer\n\n`);
      return 0;
    }
    let text = answer.authoritative ? '' : 'Non-authoritative answer:\n';
    let finalName = candidate;
    for (const alias of answer.cnames) {
      text += `${alias.name}\tcanonical name = ${alias.target}\n`;
      finalName = alias.target.replace(/\.$/, '');
    }
    for (const address of answer.addresses) text += `Name:\t${finalName}\nAddress: ${address}\n`;
    io.stdout(`${text}\n`);
    return 0;
  }
  io.stdout(`** server can't find ${name}: NXDOMAIN\n\n`);
  return 1;
};
