import { describe, expect, it } from 'vitest';
import {
  methodOf,
  parseCurlArguments,
  parseResolveEntry,
} from '../../../source/sandbox/pod-shell/curl/curl-arguments.ts';

function options(...args: string[]) {
  const parsed = parseCurlArguments(args);
  if (!parsed.ok) throw new Error(`did not parse: ${parsed.message}`);
  return parsed.options;
}

describe('curl argument parsing', () => {
  it('reads switches, alone and combined', () => {
    const parsed = options('-sSf', '-i', '--verbose', '-k', '-L', 'http://echo/');
    expect(parsed).toMatchObject({
      silent: true,
      showError: true,
      fail: true,
      include: true,
      verbose: true,
      insecure: true,
      location: true,
      urls: ['http://echo/'],
    });
  });

  it('takes a short option value glued on or as the next word, also after switches', () => {
    expect(options('-m5', 'x').maxTimeSeconds).toBe(5);
    expect(options('-m', '0.5', 'x').maxTimeSeconds).toBe(0.5);
    expect(options('-sm', '2', 'x')).toMatchObject({ silent: true, maxTimeSeconds: 2 });
    expect(options('-HHost: a', '-H', 'X-Y: z', 'x').headers).toEqual(['Host: a', 'X-Y: z']);
  });

  it('takes long option values from the next word', () => {
    const parsed = options(
      '--max-time',
      '3',
      '--connect-timeout',
      '1',
      '--header',
      'A: b',
      '--request',
      'PUT',
      '--data',
      'x=1',
      '--write-out',
      '%{http_code}',
      '--output',
      '/dev/null',
      'echo',
    );
    expect(parsed).toMatchObject({
      maxTimeSeconds: 3,
      connectTimeoutSeconds: 1,
      headers: ['A: b'],
      method: 'PUT',
      data: ['x=1'],
      writeOut: '%{http_code}',
      output: '/dev/null',
      urls: ['echo'],
    });
  });

  it('negates switches with --no-', () => {
    expect(options('-s', '--no-silent', 'x').silent).toBe(false);
  });

  it('keeps every URL, in order', () => {
    expect(options('a', '-s', 'b', '--url', 'c').urls).toEqual(['a', 'b', 'c']);
  });

  it('reads --resolve entries and skips unreadable ones', () => {
    expect(options('--resolve', 'Echo.Example.com:443:172.18.0.100', 'x').resolve).toEqual([
      { host: 'echo.example.com', port: 443, addresses: ['172.18.0.100'] },
    ]);
    expect(parseResolveEntry('+a:80:10.0.0.1,10.0.0.2')).toEqual({
      host: 'a',
      port: 80,
      addresses: ['10.0.0.1', '10.0.0.2'],
    });
    expect(parseResolveEntry('nonsense')).toBeUndefined();
  });

  it.each([
    [['--frobnicate', 'x'], 'option --frobnicate: is unknown'],
    [['-Z', 'x'], 'option -Z: is unknown'],
    [['x', '-H'], 'option -H: requires parameter'],
    [['-m', 'soon', 'x'], 'option -m: expected a proper numerical parameter'],
    [
      ['--connect-timeout', '-1', 'x'],
      'option --connect-timeout: expected a proper numerical parameter',
    ],
  ])('reports %j as curl does: %s', (args, message) => {
    expect(parseCurlArguments(args)).toEqual({ ok: false, message });
  });

  it('has no message of its own when no URL is given (curl prints only the hint)', () => {
    expect(parseCurlArguments(['-s'])).toEqual({ ok: false });
  });

  it('picks the method as curl does', () => {
    expect(methodOf(options('x'))).toBe('GET');
    expect(methodOf(options('-I', 'x'))).toBe('HEAD');
    expect(methodOf(options('-d', 'a=1', 'x'))).toBe('POST');
    expect(methodOf(options('-X', 'DELETE', '-d', 'a', 'x'))).toBe('DELETE');
  });
});
