import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { checkServerIdentity, type PeerCertificate, connect as tlsConnect } from 'node:tls';
import { DialError } from '../../network/virtual-network.ts';
import { lookupHost } from '../name-lookup.ts';
import type { ShellMachine } from '../shell-machine.ts';
import { type CurlOptions, methodOf } from './curl-arguments.ts';
import { CurlFailure, curlExit, curlUserAgent, opensslVersion } from './curl-errors.ts';
import { HttpResponseParser, type ResponseHead } from './http-response-parser.ts';
import type { TransferReport } from './write-out.ts';

/** How long a Linux kernel retries an unanswered SYN before connect() fails (6 retries). */
export const kernelSynTimeoutMs = 127_000;
/** curl's own connect timeout when `--connect-timeout` is not given. */
const defaultConnectTimeoutMs = 300_000;

/** Where a transfer's pieces go: the caller decides about -i, -o, -f and -v. */
export interface TransferSink {
  /** A verbose line (`* …`, `> …`, `< …`), only called with -v. */
  trace(line: string): void;
  head(head: ResponseHead): void;
  body(data: Buffer, head: ResponseHead): void;
}

interface Target {
  url: URL;
  host: string;
  port: number;
  secure: boolean;
}

function parseTarget(text: string): Target {
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(text) ? text : `http://${text}`;
  const scheme = withScheme.slice(0, withScheme.indexOf(':')).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https')
    throw new CurlFailure(curlExit.unsupportedProtocol, `Protocol "${scheme}" not supported`);
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CurlFailure(curlExit.malformedURL, 'URL rejected: Malformed input to a URL function');
  }
  if (!url.hostname)
    throw new CurlFailure(curlExit.malformedURL, 'URL rejected: No host part in the URL');
  const secure = scheme === 'https';
  return {
    url,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 443 : 80,
    secure,
  };
}

function elapsedSince(start: number): number {
  return Math.round(performance.now() - start);
}

/**
 * One curl transfer (a URL and, with -L, its redirects) made from a machine: name lookup
 * with the machine's resolver, a TCP connection from the machine's address, TLS when the URL
 * is https, and an HTTP/1.1 exchange. Fails with a CurlFailure carrying curl's exit code and
 * message; either way `report` describes what happened, for -w.
 */
export class CurlTransfer {
  readonly report: TransferReport;
  private readonly start = performance.now();
  private readonly deadline: number | undefined;
  private readonly connectDeadline: number;
  private connections = 0;

  constructor(
    private readonly machine: ShellMachine,
    private readonly options: CurlOptions,
    private readonly sink: TransferSink,
    private readonly stdinData: () => Promise<string>,
    url: string,
  ) {
    const maxTime = options.maxTimeSeconds;
    this.deadline = maxTime && maxTime > 0 ? this.start + maxTime * 1000 : undefined;
    const connectTimeout = options.connectTimeoutSeconds;
    this.connectDeadline =
      this.start +
      (connectTimeout && connectTimeout > 0 ? connectTimeout * 1000 : defaultConnectTimeoutMs);
    this.report = {
      url,
      urlEffective: url,
      method: methodOf(options),
      scheme: '',
      httpCode: 0,
      httpVersion: '0',
      headers: [],
      remoteIP: '',
      remotePort: 0,
      localIP: '',
      localPort: 0,
      sizeDownload: 0,
      sizeHeader: 0,
      sizeRequest: 0,
      times: {
        namelookup: 0,
        connect: 0,
        appconnect: 0,
        pretransfer: 0,
        starttransfer: 0,
        total: 0,
        redirect: 0,
      },
      numConnects: 0,
      numRedirects: 0,
      redirectURL: '',
      exitCode: 0,
      errorMessage: '',
    };
  }

  private seconds(): number {
    return (performance.now() - this.start) / 1000;
  }

  async run(): Promise<void> {
    try {
      let url = this.report.url;
      let method = methodOf(this.options);
      for (let redirects = 0; ; redirects++) {
        const head = await this.fetchOnce(url, method);
        const location = head.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
        const redirect = head.status >= 300 && head.status < 400 && location !== undefined;
        if (!redirect) break;
        const next = new URL(location, this.report.urlEffective).toString();
        if (!this.options.location) {
          this.report.redirectURL = next;
          break;
        }
        if (redirects >= this.options.maxRedirects && this.options.maxRedirects >= 0)
          throw new CurlFailure(
            curlExit.tooManyRedirects,
            `Maximum (${this.options.maxRedirects}) redirects followed`,
          );
        this.sink.trace(`* Issue another request to this URL: '${next}'\n`);
        if (
          head.status === 303 ||
          ((head.status === 301 || head.status === 302) && method === 'POST')
        )
          method = this.options.method && head.status !== 303 ? this.options.method : 'GET';
        this.report.numRedirects++;
        this.report.times.redirect = this.seconds();
        url = next;
      }
    } catch (error) {
      const failure =
        error instanceof CurlFailure ? error : new CurlFailure(curlExit.recvError, String(error));
      this.report.exitCode = failure.exitCode;
      this.report.errorMessage = failure.message;
      throw failure;
    } finally {
      this.report.times.total = this.seconds();
    }
  }

  private async fetchOnce(urlText: string, method: string): Promise<ResponseHead> {
    const target = parseTarget(urlText);
    this.report.urlEffective = target.url.toString();
    this.report.scheme = target.secure ? 'https' : 'http';
    const addresses = await this.resolve(target);
    this.report.times.namelookup = this.seconds();
    const socket = await this.connect(target, addresses);
    try {
      const stream = target.secure ? await this.handshake(socket, target) : socket;
      this.report.times.appconnect = target.secure ? this.seconds() : 0;
      return await this.exchange(stream, target, method);
    } finally {
      socket.destroy();
    }
  }

  private async resolve(target: Target): Promise<string[]> {
    const pinned = this.options.resolve.find(
      (entry) => entry.host === target.host.toLowerCase() && entry.port === target.port,
    );
    if (pinned) {
      this.sink.trace(
        `* Added ${pinned.host}:${pinned.port}:${pinned.addresses.join(',')} to DNS cache\n`,
      );
      this.sink.trace(`* Hostname ${target.host} was found in DNS cache\n`);
      return pinned.addresses;
    }
    const lookup = await lookupHost(this.machine, target.host);
    if (!lookup.found) {
      this.sink.trace(`* Could not resolve host: ${target.host}\n`);
      this.sink.trace(`* shutting down connection #${this.connections}\n`);
      throw new CurlFailure(curlExit.couldNotResolveHost, `Could not resolve host: ${target.host}`);
    }
    if (lookup.addresses[0] !== target.host) {
      this.sink.trace(`* Host ${target.host}:${target.port} was resolved.\n`);
      this.sink.trace('* IPv6: (none)\n');
      this.sink.trace(`* IPv4: ${lookup.addresses.join(', ')}\n`);
    }
    return lookup.addresses;
  }

  private async connect(target: Target, addresses: string[]): Promise<Socket> {
    const failedAfter = () =>
      `Failed to connect to ${target.host} port ${target.port} after ${elapsedSince(this.start)} ms`;
    for (const address of addresses) {
      this.sink.trace(`*   Trying ${address}:${target.port}...\n`);
      const now = performance.now();
      const limits = [
        { by: 'kernel', ms: kernelSynTimeoutMs },
        { by: 'curl', ms: this.connectDeadline - now },
        ...(this.deadline !== undefined ? [{ by: 'curl', ms: this.deadline - now }] : []),
      ].sort((a, b) => a.ms - b.ms);
      const limit = limits[0]!;
      try {
        const { socket, localPort } = await this.machine.network.connect(
          { ip: address, port: target.port },
          Math.max(0, limit.ms),
        );
        this.connections++;
        this.report.numConnects++;
        this.report.remoteIP = address;
        this.report.remotePort = target.port;
        this.report.localIP = this.machine.network.ip;
        this.report.localPort = localPort;
        this.report.times.connect = this.seconds();
        this.sink.trace(`* Connected to ${target.host} (${address}) port ${target.port}\n`);
        return socket;
      } catch (error) {
        if (!(error instanceof DialError)) throw error;
        if (error.code === 'ETIMEDOUT' && limit.by === 'curl') {
          const message = `Connection timed out after ${elapsedSince(this.start)} milliseconds`;
          this.sink.trace(`* ${message}\n`);
          this.sink.trace(`* closing connection #${this.connections}\n`);
          throw new CurlFailure(curlExit.operationTimedOut, message);
        }
        const reason =
          error.code === 'ECONNREFUSED' ? 'Connection refused' : 'Connection timed out';
        this.sink.trace(
          `* connect to ${address} port ${target.port} from ${this.machine.network.ip} port ${error.flow.source.port} failed: ${reason}\n`,
        );
      }
    }
    const message = `${failedAfter()}: Could not connect to server`;
    this.sink.trace(`* ${message}\n`);
    this.sink.trace(`* closing connection #${this.connections}\n`);
    throw new CurlFailure(curlExit.couldNotConnect, message);
  }

  private handshake(socket: Socket, target: Target): Promise<Socket> {
    const timeLeft = Math.min(
      this.connectDeadline - performance.now(),
      this.deadline !== undefined ? this.deadline - performance.now() : Number.POSITIVE_INFINITY,
    );
    this.sink.trace('* ALPN: curl offers http/1.1\n');
    return new Promise((resolve, reject) => {
      const sniName = /^[\d.]+$/.test(target.host) ? undefined : target.host;
      const tls = tlsConnect({
        socket,
        ...(sniName ? { servername: sniName } : {}),
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
      });
      const timer = setTimeout(
        () => {
          tls.destroy();
          reject(
            new CurlFailure(
              curlExit.operationTimedOut,
              `Connection timed out after ${elapsedSince(this.start)} milliseconds`,
            ),
          );
        },
        Math.max(0, timeLeft),
      );
      tls.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(tlsFailure(error, target));
      });
      tls.once('secureConnect', () => {
        clearTimeout(timer);
        const cipher = tls.getCipher();
        this.sink.trace(
          `* SSL connection using ${tls.getProtocol() ?? 'TLS'} / ${cipher.standardName ?? cipher.name}\n`,
        );
        if (tls.alpnProtocol) this.sink.trace(`* ALPN: server accepted ${tls.alpnProtocol}\n`);
        const certificate = tls.getPeerCertificate();
        this.traceCertificate(certificate);
        const problem = verificationProblem(
          tls.authorized,
          tls.authorizationError,
          certificate,
          target,
        );
        if (problem && !this.options.insecure) {
          tls.destroy();
          reject(new CurlFailure(curlExit.peerFailedVerification, problem));
          return;
        }
        this.sink.trace(
          problem
            ? `*  SSL certificate verify result: ${problem.replace(/^SSL certificate problem: /, '')}, continuing anyway.\n`
            : '*  SSL certificate verify ok.\n',
        );
        resolve(tls);
      });
    });
  }

  private traceCertificate(certificate: PeerCertificate): void {
    if (!certificate || Object.keys(certificate).length === 0) return;
    const name = (entity: Record<string, string | string[]> | undefined) =>
      Object.entries(entity ?? {})
        .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
        .join('; ');
    this.sink.trace('* Server certificate:\n');
    this.sink.trace(
      `*  subject: ${name(certificate.subject as unknown as Record<string, string>)}\n`,
    );
    this.sink.trace(`*  start date: ${certificate.valid_from}\n`);
    this.sink.trace(`*  expire date: ${certificate.valid_to}\n`);
    this.sink.trace(
      `*  issuer: ${name(certificate.issuer as unknown as Record<string, string>)}\n`,
    );
  }

  private async requestBytes(target: Target, method: string): Promise<Buffer> {
    const { options } = this;
    const custom = options.headers.map(parseHeaderArgument);
    const overridden = (name: string) =>
      custom.some((header) => header.name.toLowerCase() === name.toLowerCase());
    const customHost = custom.find((header) => header.name.toLowerCase() === 'host');
    const hostValue = target.url.port
      ? `${target.url.hostname}:${target.url.port}`
      : target.url.hostname;
    const lines = [`${method} ${target.url.pathname}${target.url.search} HTTP/1.1`];
    if (customHost) {
      if (customHost.value !== undefined) lines.push(`${customHost.name}: ${customHost.value}`);
    } else lines.push(`Host: ${hostValue}`);
    if (options.user && !overridden('authorization'))
      lines.push(`Authorization: Basic ${Buffer.from(options.user).toString('base64')}`);
    if (!overridden('user-agent')) lines.push(`User-Agent: ${options.userAgent ?? curlUserAgent}`);
    if (!overridden('accept')) lines.push('Accept: */*');
    for (const header of custom) {
      if (header.name.toLowerCase() === 'host' || header.value === undefined) continue;
      lines.push(`${header.name}: ${header.value}`);
    }
    let body = '';
    if (options.data.length > 0) {
      const parts: string[] = [];
      for (const part of options.data) parts.push(part === '@-' ? await this.stdinData() : part);
      body = parts.join('&');
      if (!overridden('content-length')) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
      if (!overridden('content-type'))
        lines.push('Content-Type: application/x-www-form-urlencoded');
    }
    for (const line of lines) this.sink.trace(`> ${line}\r\n`);
    this.sink.trace('> \r\n');
    return Buffer.concat([
      Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'),
      Buffer.from(body),
    ]);
  }

  private async exchange(stream: Socket, target: Target, method: string): Promise<ResponseHead> {
    this.sink.trace('* using HTTP/1.x\n');
    const request = await this.requestBytes(target, method);
    this.report.sizeRequest += request.length;
    this.report.times.pretransfer = this.seconds();
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error?: CurlFailure) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stream.removeAllListeners('data');
        if (error) {
          reject(error);
          return;
        }
        const head = parser.head!;
        const keptOpen = !stream.readableEnded;
        this.sink.trace(
          keptOpen
            ? `* Connection #${this.connections - 1} to host ${target.host} left intact\n`
            : `* shutting down connection #${this.connections - 1}\n`,
        );
        resolve(head);
      };
      const parser = new HttpResponseParser(
        method,
        (head) => {
          this.report.times.starttransfer = this.seconds();
          this.report.httpCode = head.status;
          this.report.httpVersion = head.protocol.replace('HTTP/', '');
          this.report.headers = head.headers;
          this.report.sizeHeader += Buffer.byteLength(head.raw, 'latin1');
          for (const line of head.raw.split('\r\n').slice(0, -1)) this.sink.trace(`< ${line}\r\n`);
          this.sink.head(head);
        },
        (data) => {
          this.report.sizeDownload += data.length;
          this.sink.body(data, parser.head!);
        },
      );
      const check = () => {
        if (!parser.done) return;
        const problem = parser.problem;
        if (!problem) return finish();
        switch (problem.kind) {
          case 'empty-reply':
            return finish(new CurlFailure(curlExit.gotNothing, 'Empty reply from server'));
          case 'partial-body':
            return finish(
              new CurlFailure(
                curlExit.partialFile,
                problem.remaining !== undefined
                  ? `transfer closed with ${problem.remaining} bytes remaining to read`
                  : 'transfer closed with outstanding read data remaining',
              ),
            );
          case 'bad-response':
            return finish(new CurlFailure(curlExit.weirdServerReply, 'Weird server reply'));
        }
      };
      const timeLeft =
        this.deadline !== undefined ? this.deadline - performance.now() : Number.POSITIVE_INFINITY;
      const timer = setTimeout(
        () => {
          const expected = parser.expectedLength;
          const received = this.report.sizeDownload;
          finish(
            new CurlFailure(
              curlExit.operationTimedOut,
              expected !== undefined
                ? `Operation timed out after ${elapsedSince(this.start)} milliseconds with ${received} out of ${expected} bytes received`
                : `Operation timed out after ${elapsedSince(this.start)} milliseconds with ${received} bytes received`,
            ),
          );
        },
        Number.isFinite(timeLeft) ? Math.max(0, timeLeft) : 2 ** 31 - 1,
      );
      stream.on('data', (chunk: Buffer) => {
        parser.feed(chunk);
        check();
      });
      stream.once('end', () => {
        parser.end();
        check();
      });
      stream.once('error', (error: NodeJS.ErrnoException) => {
        if (parser.done) return;
        finish(
          new CurlFailure(
            curlExit.recvError,
            `Recv failure: ${error.code === 'ECONNRESET' ? 'Connection reset by peer' : error.message}`,
          ),
        );
      });
      stream.write(request);
      this.sink.trace('* Request completely sent off\n');
    });
  }
}

/** `-H 'Name: value'`; `Name:` removes an internal header, `Name;` sends it empty. */
export function parseHeaderArgument(text: string): { name: string; value: string | undefined } {
  const colon = text.indexOf(':');
  const semicolon = text.indexOf(';');
  if (colon < 0 && semicolon > 0 && text.slice(semicolon + 1).trim() === '')
    return { name: text.slice(0, semicolon).trim(), value: '' };
  if (colon < 0) return { name: text.trim(), value: undefined };
  const value = text.slice(colon + 1).trim();
  return { name: text.slice(0, colon).trim(), value: value === '' ? undefined : value };
}

/** The certificate problem curl (OpenSSL) reports, or undefined when the peer checks out. */
function verificationProblem(
  authorized: boolean,
  authorizationError: Error | null | undefined,
  certificate: PeerCertificate,
  target: Target,
): string | undefined {
  if (!authorized) {
    const code = String((authorizationError as unknown as string | undefined) ?? '');
    const messages: Record<string, string> = {
      DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
      SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
      UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
      UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
      UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
      CERT_HAS_EXPIRED: 'certificate has expired',
      CERT_NOT_YET_VALID: 'certificate is not yet valid',
    };
    return `SSL certificate problem: ${messages[code] ?? code.toLowerCase().replaceAll('_', ' ')}`;
  }
  const mismatch = checkServerIdentity(target.host, certificate);
  if (mismatch)
    return `SSL: no alternative certificate subject name matches target host name '${target.host}'`;
  return undefined;
}

function tlsFailure(error: NodeJS.ErrnoException, target: Target): CurlFailure {
  if (error.code === 'ERR_SSL_WRONG_VERSION_NUMBER')
    return new CurlFailure(
      curlExit.sslConnectError,
      `${opensslVersion}: error:0A00010B:SSL routines::wrong version number`,
    );
  if (
    error.code === 'ECONNRESET' ||
    error.code === 'EPIPE' ||
    error.message.includes('socket disconnected')
  )
    return new CurlFailure(
      curlExit.sslConnectError,
      `${opensslVersion}: SSL_connect: SSL_ERROR_SYSCALL in connection to ${target.host}:${target.port} `,
    );
  const reason = /error:[0-9A-F]+:[^:]*:[^:]*:(.*)$/.exec(error.message)?.[1] ?? error.message;
  return new CurlFailure(curlExit.sslConnectError, `${opensslVersion}: ${reason}`);
}
