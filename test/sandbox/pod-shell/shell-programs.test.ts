import { describe, expect, it } from 'vitest';
import { podHostsFile } from '../../../source/sandbox/pod-shell/hosts-file.ts';
import { lookupHost } from '../../../source/sandbox/pod-shell/name-lookup.ts';
import { findProgram } from '../../../source/sandbox/pod-shell/programs.ts';
import {
  parseResolvConf,
  podResolvConf,
  searchCandidates,
} from '../../../source/sandbox/pod-shell/resolv-conf.ts';
import { parseShell } from '../../../source/sandbox/pod-shell/sh-syntax.ts';
import { capturingIO, fakeMachine } from './fake-machine.ts';

const machine = fakeMachine({
  routes: { '10.96.99.9:80': 'refuse', '10.96.99.10:80': 'drop' },
  names: {
    'echo.default.svc.cluster.local': ['10.96.41.7'],
    'web.default.svc.cluster.local': ['10.244.1.7', '10.244.2.9'],
    'example.com': ['93.184.215.14'],
  },
  cnames: { 'ext.default.svc.cluster.local': 'example.com' },
});

async function run(...argv: string[]) {
  const io = capturingIO();
  const [name = '', ...args] = argv;
  const program = findProgram(name);
  if (!program) throw new Error(`no program ${name}`);
  const exitCode = await program(args, machine, io);
  return { exitCode, stdout: io.out(), stderr: io.err() };
}

describe("a pod's files", () => {
  it('writes /etc/hosts as the kubelet does, with the subdomain form and host aliases', () => {
    expect(
      podHostsFile({
        podIP: '10.244.1.5',
        hostname: 'web-0',
        hostDomain: 'nginx.default.svc.cluster.local',
        hostAliases: [{ ip: '10.1.2.3', hostnames: ['foo.local', 'bar.local'] }],
      }),
    ).toBe(
      [
        '# Kubernetes-managed hosts file.',
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        'fe00::0\tip6-localnet',
        'fe00::0\tip6-mcastprefix',
        'fe00::1\tip6-allnodes',
        'fe00::2\tip6-allrouters',
        '10.244.1.5\tweb-0.nginx.default.svc.cluster.local\tweb-0',
        '',
        '# Entries added by HostAliases.',
        '10.1.2.3\tfoo.local\tbar.local',
        '',
      ].join('\n'),
    );
  });

  it('writes resolv.conf for ClusterFirst and tries the search path first for short names', () => {
    const text = podResolvConf('shop', 'cluster.local', '10.96.0.10');
    expect(text).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    const conf = parseResolvConf(text);
    expect(searchCandidates('echo', conf)).toEqual([
      'echo.shop.svc.cluster.local',
      'echo.svc.cluster.local',
      'echo.cluster.local',
      'echo',
    ]);
    expect(searchCandidates('a.b.c.d.e.f', conf)[0]).toBe('a.b.c.d.e.f');
    expect(searchCandidates('echo.shop.svc.cluster.local.', conf)).toEqual([
      'echo.shop.svc.cluster.local',
    ]);
  });

  it('resolves names from /etc/hosts, then DNS through the search path', async () => {
    expect(await lookupHost(machine, 'localhost')).toEqual({
      found: true,
      addresses: ['127.0.0.1'],
    });
    expect(await lookupHost(machine, 'echo')).toEqual({ found: true, addresses: ['10.96.41.7'] });
    expect(await lookupHost(machine, 'nope')).toEqual({ found: false, reason: 'not-found' });
  });
});

describe('nslookup (BIND 9)', () => {
  it('prints the server and the answer for the first search domain that exists', async () => {
    expect(await run('nslookup', 'echo')).toEqual({
      exitCode: 0,
      stdout:
        'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\techo.default.svc.cluster.local\nAddress: 10.96.41.7\n\n',
      stderr: '',
    });
  });

  it('prints one Name/Address pair per address (a headless Service)', async () => {
    expect((await run('nslookup', 'web')).stdout).toContain(
      'Name:\tweb.default.svc.cluster.local\nAddress: 10.244.1.7\nName:\tweb.default.svc.cluster.local\nAddress: 10.244.2.9\n',
    );
  });

  it('prints an alias as its canonical name (an ExternalName Service)', async () => {
    expect((await run('nslookup', 'ext')).stdout).toContain(
      'ext.default.svc.cluster.local\tcanonical name = example.com.\nName:\texample.com\nAddress: 93.184.215.14\n',
    );
  });

  it('marks answers from outside the cluster domain as non-authoritative', async () => {
    expect((await run('nslookup', 'example.com')).stdout).toContain(
      'Non-authoritative answer:\nName:\texample.com\n',
    );
  });

  it("says the server can't find a name that does not exist, and exits 1", async () => {
    expect(await run('nslookup', 'nope')).toEqual({
      exitCode: 1,
      stdout:
        "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nope: NXDOMAIN\n\n",
      stderr: '',
    });
  });
});

describe('the small programs', () => {
  it('prints the hostname, its address, and files', async () => {
    expect((await run('hostname')).stdout).toBe('client\n');
    expect((await run('hostname', '-i')).stdout).toBe('10.244.1.5\n');
    expect((await run('cat', '/etc/resolv.conf')).stdout).toContain('nameserver 10.96.0.10\n');
    expect(await run('cat', '/nope')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: "cat: can't open '/nope': No such file or directory\n",
    });
  });

  it('finds programs by name or by their Alpine path, and nothing else', () => {
    expect(findProgram('/usr/bin/curl')).toBe(findProgram('curl'));
    expect(findProgram('/bin/curl')).toBeUndefined();
    expect(findProgram('wget2')).toBeUndefined();
  });
});

describe('sh -c', () => {
  it('runs commands joined by ;, && and ||, with quoting, variables and exit', async () => {
    expect(
      await run('sh', '-c', 'echo "one $HOSTNAME" && false || echo \'two $HOSTNAME\'; exit 4'),
    ).toEqual({ exitCode: 4, stdout: 'one client\ntwo $HOSTNAME\n', stderr: '' });
  });

  it('reports a missing command as BusyBox ash does, and $? carries its status', async () => {
    expect(await run('sh', '-c', 'nosuch; echo $?')).toEqual({
      exitCode: 0,
      stdout: '127\n',
      stderr: 'sh: nosuch: not found\n',
    });
    expect((await run('bash', '-c', 'nosuch')).stderr).toBe(
      'bash: line 1: nosuch: command not found\n',
    );
  });

  it('applies the redirections probes use', async () => {
    expect(
      await run('sh', '-c', 'cat /nope 2>/dev/null; echo out >/dev/null; echo err 1>&2'),
    ).toEqual({
      exitCode: 0,
      stdout: '',
      stderr: 'err\n',
    });
  });

  it('says what it does not support instead of running it wrong', async () => {
    expect(parseShell('for i in 1 2; do echo $i; done')).toEqual({
      ok: false,
      unsupported: "'for'",
    });
    expect(parseShell('echo $(hostname)')).toEqual({
      ok: false,
      unsupported: 'command substitution',
    });
    expect(parseShell('curl x | head')).toEqual({ ok: false, unsupported: 'pipes' });
    expect((await run('sh', '-c', 'a | b')).stderr).toBe(
      "sh: the sandbox's shell runs simple commands only (not pipes)\n",
    );
  });
});

describe('an interactive sh (kubectl exec -it)', () => {
  it('prompts, echoes, edits the line and runs it on Enter, until exit', async () => {
    const io = capturingIO(true);
    const typed = [
      'hostname\r',
      'echo hx\x7fi\r',
      '\x1b[Anosuch\r',
      'partial\x03',
      'exit 5\r',
      'never\r',
    ];
    const program = findProgram('sh')!;
    const exitCode = await program([], machine, {
      ...io,
      stdin: (async function* () {
        for (const text of typed) yield Buffer.from(text);
      })(),
    });
    expect(exitCode).toBe(5);
    expect(io.out()).toBe(
      '/ # hostname\r\nclient\n/ # echo hx\b \bi\r\nhi\n/ # nosuch\r\n/ # partial^C\r\n/ # exit 5\r\n',
    );
    expect(io.err()).toBe('sh: nosuch: not found\n');
  });
});

describe('/agnhost connect', () => {
  it('exits 0 when the connection opens, and names failures with the fixed prefixes', async () => {
    expect(await run('/agnhost', 'connect', '10.96.99.9:80', '--timeout=1s')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'REFUSED\n',
    });
    expect(await run('/agnhost', 'connect', '10.96.99.10:80', '--timeout', '50ms')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'TIMEOUT\n',
    });
    expect((await run('/agnhost', 'connect', 'nope:80')).stderr).toBe(
      'DNS: lookup nope on 10.96.0.10:53: no such host\n',
    );
  });

  it('is at /agnhost, not on PATH', () => {
    expect(findProgram('/agnhost')).toBeDefined();
    expect(findProgram('agnhost')).toBeUndefined();
  });
});
