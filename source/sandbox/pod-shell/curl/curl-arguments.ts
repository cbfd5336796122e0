/**
 * curl's command line, the subset the sandbox's pods offer: what a learner types to probe a
 * Service (`-s -S -i -v -I -o -w -H -X -d -k -m --connect-timeout --resolve -L -f …`).
 * Parsing follows curl's rules: short flags combine (`-sSf`), a short option's value may be
 * glued to it (`-m5`, `-H'X: y'`), long options take the next word, `--no-` negates a switch.
 */

export interface ResolveEntry {
  host: string;
  port: number;
  addresses: string[];
}

export interface CurlOptions {
  urls: string[];
  silent: boolean;
  showError: boolean;
  include: boolean;
  verbose: boolean;
  head: boolean;
  fail: boolean;
  failWithBody: boolean;
  insecure: boolean;
  location: boolean;
  maxRedirects: number;
  output?: string;
  writeOut?: string;
  headers: string[];
  method?: string;
  /** `-d` values in order; curl joins them with `&`. */
  data: string[];
  userAgent?: string;
  user?: string;
  maxTimeSeconds?: number;
  connectTimeoutSeconds?: number;
  resolve: ResolveEntry[];
}

export type CurlArguments =
  | { ok: true; options: CurlOptions }
  /** A usage error: curl prints `message` (if any) and the help hint, and exits with 2. */
  | { ok: false; message?: string };

type Switch =
  | 'silent'
  | 'showError'
  | 'include'
  | 'verbose'
  | 'head'
  | 'fail'
  | 'failWithBody'
  | 'insecure'
  | 'location';

interface OptionSpec {
  long: string;
  short?: string;
  /** Switches set a boolean; others take one value. */
  switch?: Switch;
  apply?: (options: CurlOptions, value: string) => string | undefined;
  /** Accepted and ignored: they change nothing the sandbox can show (`--http1.1`, `-4`). */
  ignored?: boolean;
  takesValue?: boolean;
}

function seconds(flag: string) {
  return (value: string): number | string => {
    const parsed = Number(value);
    return /^\d*\.?\d+$/.test(value.trim()) && Number.isFinite(parsed)
      ? parsed
      : `option ${flag}: expected a proper numerical parameter`;
  };
}

/** An option whose value is stored as given. */
function setText(field: 'output' | 'writeOut' | 'method' | 'userAgent' | 'user') {
  return (options: CurlOptions, value: string): undefined => {
    options[field] = value;
  };
}

/** An option that may repeat, each value kept in order. */
function appendTo(field: 'headers' | 'data') {
  return (options: CurlOptions, value: string): undefined => {
    options[field].push(value);
  };
}

const specs: OptionSpec[] = [
  { long: 'silent', short: 's', switch: 'silent' },
  { long: 'show-error', short: 'S', switch: 'showError' },
  { long: 'include', short: 'i', switch: 'include' },
  { long: 'show-headers', switch: 'include' },
  { long: 'verbose', short: 'v', switch: 'verbose' },
  { long: 'head', short: 'I', switch: 'head' },
  { long: 'fail', short: 'f', switch: 'fail' },
  { long: 'fail-with-body', switch: 'failWithBody' },
  { long: 'insecure', short: 'k', switch: 'insecure' },
  { long: 'location', short: 'L', switch: 'location' },
  { long: 'output', short: 'o', apply: setText('output') },
  { long: 'write-out', short: 'w', apply: setText('writeOut') },
  { long: 'header', short: 'H', apply: appendTo('headers') },
  { long: 'request', short: 'X', apply: setText('method') },
  ...['data', 'data-raw', 'data-binary', 'data-ascii'].map(
    (long): OptionSpec => ({
      long,
      ...(long === 'data' ? { short: 'd' } : {}),
      apply: appendTo('data'),
    }),
  ),
  { long: 'user-agent', short: 'A', apply: setText('userAgent') },
  { long: 'user', short: 'u', apply: setText('user') },
  {
    long: 'max-time',
    short: 'm',
    apply: (o, v) => {
      const parsed = seconds('-m')(v);
      if (typeof parsed === 'string') return parsed;
      o.maxTimeSeconds = parsed;
      return undefined;
    },
  },
  {
    long: 'connect-timeout',
    apply: (o, v) => {
      const parsed = seconds('--connect-timeout')(v);
      if (typeof parsed === 'string') return parsed;
      o.connectTimeoutSeconds = parsed;
      return undefined;
    },
  },
  {
    long: 'max-redirs',
    apply: (o, v) => {
      if (!/^-?\d+$/.test(v)) return 'option --max-redirs: expected a proper numerical parameter';
      o.maxRedirects = Number(v);
      return undefined;
    },
  },
  {
    long: 'resolve',
    apply: (o, v) => {
      const entry = parseResolveEntry(v);
      if (entry) o.resolve.push(entry);
      return undefined;
    },
  },
  {
    long: 'url',
    apply: (o, v) => {
      o.urls.push(v);
      return undefined;
    },
  },
  ...['http1.1', 'http1.0', 'ipv4', 'compressed', 'no-buffer', 'no-keepalive', 'tcp-nodelay'].map(
    (long): OptionSpec => ({
      long,
      ignored: true,
      ...(long === 'ipv4' ? { short: '4' } : long === 'no-buffer' ? { short: 'N' } : {}),
    }),
  ),
];

const byLong = new Map(specs.map((spec) => [spec.long, spec]));
const byShort = new Map(
  specs.filter((spec) => spec.short).map((spec) => [spec.short as string, spec]),
);

function takesValue(spec: OptionSpec): boolean {
  return spec.apply !== undefined;
}

/** `[+]host:port:addr[,addr]…` — an entry curl cannot read is skipped, as curl warns and goes on. */
export function parseResolveEntry(text: string): ResolveEntry | undefined {
  const match = /^\+?([^:]+):(\d+):(.+)$/.exec(text);
  if (!match) return undefined;
  const addresses = match[3]!
    .split(',')
    .map((address) => address.trim().replace(/^\[(.*)\]$/, '$1'))
    .filter(Boolean);
  return { host: match[1]!.toLowerCase(), port: Number(match[2]), addresses };
}

export function defaultCurlOptions(): CurlOptions {
  return {
    urls: [],
    silent: false,
    showError: false,
    include: false,
    verbose: false,
    head: false,
    fail: false,
    failWithBody: false,
    insecure: false,
    location: false,
    maxRedirects: 50,
    headers: [],
    data: [],
    resolve: [],
  };
}

export function parseCurlArguments(args: readonly string[]): CurlArguments {
  const options = defaultCurlOptions();
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!;
    const next = (): string | undefined => {
      index++;
      return args[index];
    };
    if (word.startsWith('--') && word.length > 2) {
      const name = word.slice(2);
      let spec = byLong.get(name);
      let negated = false;
      if (!spec && name.startsWith('no-')) {
        spec = byLong.get(name.slice(3));
        negated = spec?.switch !== undefined;
        if (!negated) spec = undefined;
      }
      if (!spec) return { ok: false, message: `option ${word}: is unknown` };
      const failure = applyOption(spec, word, options, negated, next);
      if (failure) return failure;
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      for (let at = 1; at < word.length; at++) {
        const letter = word[at]!;
        const spec = byShort.get(letter);
        if (!spec) return { ok: false, message: `option -${letter}: is unknown` };
        if (takesValue(spec)) {
          const glued = word.slice(at + 1);
          const failure = applyOption(spec, `-${letter}`, options, false, () =>
            glued ? glued : next(),
          );
          if (failure) return failure;
          break;
        }
        const failure = applyOption(spec, `-${letter}`, options, false, next);
        if (failure) return failure;
      }
      continue;
    }
    options.urls.push(word);
  }
  if (options.urls.length === 0) return { ok: false };
  return { ok: true, options };
}

function applyOption(
  spec: OptionSpec,
  flag: string,
  options: CurlOptions,
  negated: boolean,
  value: () => string | undefined,
): CurlArguments | undefined {
  if (spec.ignored) return undefined;
  if (spec.switch) {
    options[spec.switch] = !negated;
    return undefined;
  }
  const given = value();
  if (given === undefined) return { ok: false, message: `option ${flag}: requires parameter` };
  const problem = spec.apply!(options, given);
  return problem ? { ok: false, message: problem } : undefined;
}

/** The method curl sends: `-X` wins, then HEAD for `-I`, POST with data, else GET. */
export function methodOf(options: CurlOptions): string {
  if (options.method) return options.method;
  if (options.head) return 'HEAD';
  return options.data.length > 0 ? 'POST' : 'GET';
}
