import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../../source/sandbox/api/serving-certificate.ts';
import { curl } from '../../../source/sandbox/pod-shell/curl/curl.ts';
import { capturingIO, fakeMachine } from './fake-machine.ts';

// curl as the pod shell runs it, against real local servers behind a table of virtual
// addresses: what it prints and how it exits, in curl's own words.
function handler(
  request: import('node:http').IncomingMessage,
  response: import('node:http').ServerResponse,
) {
  const url = new URL(request.url ?? '/', 'http://x');
  let body = '';
  request.on('data', (chunk: Buffer) => {
    body += chunk;
  });
  request.on('end', () => {
    if (url.pathname === '/hostname') return response.end('echo-7d4b9-x2v5q');
    if (url.pathname === '/missing') {
      response.statusCode = 404;
      return response.end('404 page not found\n');
    }
    if (url.pathname === '/moved') {
      response.writeHead(302, { Location: '/hostname' });
      return response.end();
    }
    if (url.pathname === '/host') return response.end(String(request.headers.host));
    if (url.pathname === '/post')
      return response.end(`${request.method} ${request.headers['content-type']} ${body}`);
    response.end('ok');
  });
}

let plain: Server;
let secure: Server;
let plainPort = 0;
let securePort = 0;
beforeAll(async () => {
  const certificate = await createSelfSignedCertificate('secure.example.com', {
    dns: ['secure.example.com'],
    ip: [],
  });
  plain = createServer(handler);
  secure = createTlsServer({ cert: certificate.certPem, key: certificate.keyPem }, handler);
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
  plainPort = (plain.address() as AddressInfo).port;
  securePort = (secure.address() as AddressInfo).port;
});
afterAll(() => {
  plain.closeAllConnections();
  secure.closeAllConnections();
  plain.close();
  secure.close();
});

function machine() {
  return fakeMachine({
    routes: {
      '10.96.41.7:80': { forwardTo: plainPort },
      '10.96.41.7:443': { forwardTo: plainPort },
      '172.18.0.100:443': { forwardTo: securePort },
      '10.96.99.9:80': 'refuse',
      '10.96.99.10:80': 'drop',
    },
    names: {
      'echo.default.svc.cluster.local': ['10.96.41.7'],
      'secure.example.com': ['172.18.0.100'],
      'wrong.example.com': ['172.18.0.100'],
    },
  });
}

async function run(...args: string[]) {
  const io = capturingIO();
  const exitCode = await curl(args, machine(), io);
  return { exitCode, stdout: io.out(), stderr: io.err() };
}

describe('curl in a pod', () => {
  it('prints the body and nothing else with -s, resolving a short name through the search path', async () => {
    expect(await run('-s', 'http://echo/hostname')).toEqual({
      exitCode: 0,
      stdout: 'echo-7d4b9-x2v5q',
      stderr: '',
    });
  });

  it('shows its progress meter on stderr without -s, as with a pipe for stdout', async () => {
    const result = await run('echo/hostname');
    expect(result.stdout).toBe('echo-7d4b9-x2v5q');
    expect(result.stderr).toMatch(/^ {2}% Total {4}% Received % Xferd/);
    expect(result.stderr).toMatch(/\r100 {4}16 {2}100 {4}16 .*\n$/);
  });

  it('exits 6 when the name does not resolve, saying so only when asked to (-S)', async () => {
    expect(await run('-s', 'http://nope/')).toEqual({ exitCode: 6, stdout: '', stderr: '' });
    expect((await run('-sS', 'http://nope/')).stderr).toBe(
      'curl: (6) Could not resolve host: nope\n',
    );
  });

  it('exits 7 when the connection is refused', async () => {
    const result = await run('-sS', 'http://10.96.99.9/');
    expect(result.exitCode).toBe(7);
    expect(result.stderr).toMatch(
      /^curl: \(7\) Failed to connect to 10\.96\.99\.9 port 80 after \d+ ms: Could not connect to server\n$/,
    );
  });

  it('exits 28 when a dropped connection outlasts -m', async () => {
    const result = await run('-sS', '-m', '0.2', 'http://10.96.99.10/');
    expect(result.exitCode).toBe(28);
    expect(result.stderr).toMatch(/^curl: \(28\) Connection timed out after \d+ milliseconds\n$/);
  });

  it('includes the response head with -i and fails on HTTP errors with -f', async () => {
    const included = await run('-si', 'http://echo/hostname');
    expect(included.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n.*\r\n\r\necho-7d4b9-x2v5q$/s);
    expect(await run('-sSf', 'http://echo/missing')).toEqual({
      exitCode: 22,
      stdout: '',
      stderr: 'curl: (22) The requested URL returned error: 404\n',
    });
    expect((await run('-s', 'http://echo/missing')).stdout).toBe('404 page not found\n');
  });

  it('traces the exchange with -v', async () => {
    const { stderr } = await run('-sv', 'http://echo/hostname');
    for (const line of [
      '* Host echo:80 was resolved.\n',
      '* IPv4: 10.96.41.7\n',
      '*   Trying 10.96.41.7:80...\n',
      '* Connected to echo (10.96.41.7) port 80\n',
      '> GET /hostname HTTP/1.1\r\n> Host: echo\r\n> User-Agent: curl/8.12.1\r\n> Accept: */*\r\n> \r\n',
      '< HTTP/1.1 200 OK\r\n',
      '{ [16 bytes data]\n',
    ])
      expect(stderr).toContain(line);
  });

  it('writes -w variables after the transfer, also when it failed', async () => {
    expect(
      (await run('-s', '-o', '/dev/null', '-w', '%{http_code} %{remote_ip}', 'echo/hostname'))
        .stdout,
    ).toBe('200 10.96.41.7');
    expect((await run('-s', '-w', '%{http_code}', 'http://10.96.99.9/')).stdout).toBe('000');
  });

  it('sends -H, -X and -d as given', async () => {
    expect((await run('-s', '-H', 'Host: shop.example.com', 'http://echo/host')).stdout).toBe(
      'shop.example.com',
    );
    expect((await run('-s', '-d', 'a=1', '-d', 'b=2', 'http://echo/post')).stdout).toBe(
      'POST application/x-www-form-urlencoded a=1&b=2',
    );
    expect((await run('-s', '-X', 'PUT', 'http://echo/post')).stdout).toBe('PUT undefined ');
  });

  it('follows redirects with -L only', async () => {
    expect(
      (
        await run(
          '-s',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code} %{redirect_url}',
          'http://echo/moved',
        )
      ).stdout,
    ).toBe('302 http://echo/hostname');
    expect((await run('-sL', 'http://echo/moved')).stdout).toBe('echo-7d4b9-x2v5q');
  });

  it('connects where --resolve says', async () => {
    expect((await run('-s', '--resolve', 'shop:80:10.96.41.7', 'http://shop/host')).stdout).toBe(
      'shop',
    );
  });

  it('verifies TLS certificates: exit 60 for a self-signed one, -k to go on anyway', async () => {
    const refused = await run('-sS', 'https://secure.example.com/hostname');
    expect(refused.exitCode).toBe(60);
    expect(refused.stderr).toMatch(
      /^curl: \(60\) SSL certificate problem: self-signed certificate\nMore details here: https:\/\/curl\.se\/docs\/sslcerts\.html\n/,
    );
    expect(await run('-sk', 'https://secure.example.com/hostname')).toMatchObject({
      exitCode: 0,
      stdout: 'echo-7d4b9-x2v5q',
    });
  });

  it('exits 35 when the server does not speak TLS', async () => {
    const result = await run('-sS', 'https://echo/');
    expect(result.exitCode).toBe(35);
    expect(result.stderr).toMatch(/^curl: \(35\) /);
  });

  it('reports usage errors with exit code 2', async () => {
    expect(await run('-s', '--bogus', 'x')).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
    });
    expect((await run()).exitCode).toBe(2);
  });
});
