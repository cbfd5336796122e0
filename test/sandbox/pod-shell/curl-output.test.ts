import { describe, expect, it } from 'vitest';
import { parseHeaderArgument } from '../../../source/sandbox/pod-shell/curl/curl-transfer.ts';
import { HttpResponseParser } from '../../../source/sandbox/pod-shell/curl/http-response-parser.ts';
import {
  fiveColumns,
  progressHeader,
  progressLine,
} from '../../../source/sandbox/pod-shell/curl/progress-meter.ts';
import {
  formatWriteOut,
  type TransferReport,
} from '../../../source/sandbox/pod-shell/curl/write-out.ts';

const report: TransferReport = {
  url: 'http://echo/hostname',
  urlEffective: 'http://echo/hostname',
  method: 'GET',
  scheme: 'http',
  httpCode: 200,
  httpVersion: '1.1',
  headers: [
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['X-Pod', 'echo-1'],
  ],
  remoteIP: '10.96.41.7',
  remotePort: 80,
  localIP: '10.244.1.5',
  localPort: 40123,
  sizeDownload: 21,
  sizeHeader: 120,
  sizeRequest: 75,
  times: {
    namelookup: 0.001,
    connect: 0.002,
    appconnect: 0,
    pretransfer: 0.0021,
    starttransfer: 0.004,
    total: 0.0042,
    redirect: 0,
  },
  numConnects: 1,
  numRedirects: 0,
  redirectURL: '',
  exitCode: 0,
  errorMessage: '',
};

describe('curl -w', () => {
  it('expands variables and escapes', () => {
    expect(
      formatWriteOut('%{http_code} %{remote_ip}:%{remote_port} %{time_total}s\\n', report).stdout,
    ).toBe('200 10.96.41.7:80 0.004200s\n');
  });

  it('pads a missing status to 000 and reports the failure', () => {
    const failed = { ...report, httpCode: 0, exitCode: 7, errorMessage: 'Failed to connect' };
    expect(formatWriteOut('%{http_code} %{exitcode} %{errormsg}', failed).stdout).toBe(
      '000 7 Failed to connect',
    );
  });

  it('prints headers, switches streams, and keeps %{onerror} parts for failures', () => {
    expect(formatWriteOut('%header{x-pod} %{content_type}', report).stdout).toBe(
      'echo-1 text/plain; charset=utf-8',
    );
    expect(formatWriteOut('a%{stderr}b%{stdout}c', report)).toMatchObject({
      stdout: 'ac',
      stderr: 'b',
    });
    expect(formatWriteOut('ok%{onerror}failed', report).stdout).toBe('ok');
    expect(formatWriteOut('ok%{onerror}failed', { ...report, exitCode: 6 }).stdout).toBe(
      'okfailed',
    );
  });

  it('warns about unknown variables and prints nothing for them', () => {
    expect(formatWriteOut('[%{nope}] 100%%', report)).toEqual({
      stdout: '[] 100%',
      stderr: '',
      warnings: ["unknown --write-out variable: 'nope'"],
    });
  });
});

describe("curl's progress meter", () => {
  it('has the two header lines curl prints', () => {
    expect(progressHeader.split('\n')[0]).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current',
    );
  });

  it('lays out a finished quick transfer as curl does', () => {
    expect(progressLine({ expected: 7, received: 7, elapsedSeconds: 7 / 2157 })).toBe(
      '\r100     7  100     7    0     0   2157      0 --:--:-- --:--:-- --:--:--  2157',
    );
    expect(progressLine({ received: 0, elapsedSeconds: 0 })).toBe(
      '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0',
    );
  });

  it('shortens sizes into five columns', () => {
    expect(fiveColumns(99_999)).toBe('99999');
    expect(fiveColumns(150_000)).toBe(' 146k');
  });
});

describe('-H arguments', () => {
  it('reads a header, a removal and an empty header', () => {
    expect(parseHeaderArgument('Host: echo.example.com')).toEqual({
      name: 'Host',
      value: 'echo.example.com',
    });
    expect(parseHeaderArgument('Accept:')).toEqual({ name: 'Accept', value: undefined });
    expect(parseHeaderArgument('X-Empty;')).toEqual({ name: 'X-Empty', value: '' });
  });
});

describe('the HTTP/1.1 response reader', () => {
  function read(method: string, ...chunks: string[]) {
    const parser = new HttpResponseParser(method);
    for (const chunk of chunks) parser.feed(Buffer.from(chunk, 'latin1'));
    return parser;
  }

  it('frames a body by Content-Length, across chunks, keeping the head as sent', () => {
    const parser = read('GET', 'HTTP/1.1 200 OK\r\nContent-Len', 'gth: 5\r\n\r\nhel', 'lo');
    expect(parser.done).toBe(true);
    expect(parser.head?.raw).toBe('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n');
    expect(Buffer.concat(parser.body).toString()).toBe('hello');
  });

  it('decodes chunked bodies', () => {
    const parser = read(
      'GET',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n',
      '2\r\nde\r\n0\r\n\r\n',
    );
    expect(parser.done).toBe(true);
    expect(Buffer.concat(parser.body).toString()).toBe('abcde');
  });

  it('reads to the connection end without framing, and skips 100 Continue', () => {
    const parser = read('GET', 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\nuntil close');
    expect(parser.done).toBe(false);
    parser.end();
    expect(parser.problem).toBeUndefined();
    expect(parser.head?.status).toBe(200);
    expect(Buffer.concat(parser.body).toString()).toBe('until close');
  });

  it('expects no body after HEAD, 204 and 304', () => {
    expect(read('HEAD', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n').done).toBe(true);
    expect(read('GET', 'HTTP/1.1 204 No Content\r\n\r\n').done).toBe(true);
  });

  it('names an empty reply and a cut-short body', () => {
    const empty = new HttpResponseParser('GET');
    empty.end();
    expect(empty.problem).toEqual({ kind: 'empty-reply' });
    const short = read('GET', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
    short.end();
    expect(short.problem).toEqual({ kind: 'partial-body', remaining: 7 });
  });
});
