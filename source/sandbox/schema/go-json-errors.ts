/**
 * The words Go's JSON decoding uses when a value does not fit its field, as the API server
 * passes them on: `json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port
 * of type int32`, base64 and quantity failures.
 */

/** What Go calls a JSON value in `cannot unmarshal X`: `string`, `number`, `bool`, `array`, `object`. */
export function goJsonKind(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

/** Where the decoder is: the Go struct that owns the field and the JSON names leading to it. */
export interface GoFieldContext {
  structName: string;
  fieldStack: readonly string[];
}

export function unmarshalTypeError(
  what: string,
  goType: string,
  context: GoFieldContext | undefined,
): string {
  if (!context || context.fieldStack.length === 0)
    return `json: cannot unmarshal ${what} into Go value of type ${goType}`;
  return `json: cannot unmarshal ${what} into Go struct field ${context.structName}.${context.fieldStack.join('.')} of type ${goType}`;
}

const base64Alphabet = /^[A-Za-z0-9+/]$/;

/**
 * Where Go's strict standard base64 decoding gives up (`illegal base64 data at input byte N`),
 * or undefined when the text decodes. Line breaks are skipped, padding is required.
 */
export function base64ErrorOffset(text: string): number | undefined {
  const bytes = Buffer.from(text, 'utf8');
  const isBreak = (byte: number | undefined) => byte === 0x0a || byte === 0x0d;
  let index = 0;
  for (;;) {
    let filled = 0;
    while (filled < 4) {
      if (index === bytes.length) {
        if (filled === 0) return undefined;
        return index - filled;
      }
      const byte = bytes[index]!;
      index++;
      if (base64Alphabet.test(String.fromCharCode(byte))) {
        filled++;
        continue;
      }
      if (isBreak(byte)) continue;
      if (byte !== 0x3d || filled < 2) return index - 1;
      // Padding: one more `=` after two characters, then nothing but line breaks.
      if (filled === 2) {
        while (index < bytes.length && isBreak(bytes[index])) index++;
        if (index === bytes.length) return bytes.length;
        if (bytes[index] !== 0x3d) return index - 1;
        index++;
      }
      while (index < bytes.length && isBreak(bytes[index])) index++;
      return index < bytes.length ? index : undefined;
    }
  }
}

const quantityPattern = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const quantitySuffixes = new Set([
  '',
  'Ki',
  'Mi',
  'Gi',
  'Ti',
  'Pi',
  'Ei',
  'n',
  'u',
  'm',
  'k',
  'M',
  'G',
  'T',
  'P',
  'E',
]);

const quantityFormatError =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * Why resource.Quantity refuses a JSON value (`cpu: 100x`), or undefined when it parses.
 * Strings and bare numbers are both parsed as quantity text.
 */
export function quantityError(value: unknown): string | undefined {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  const match = quantityPattern.exec(text);
  if (!match || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(match[1]!)) return quantityFormatError;
  const suffix = match[2]!;
  if (!quantitySuffixes.has(suffix) && !/^[eE][-+]?\d+$/.test(suffix))
    return "unable to parse quantity's suffix";
  return undefined;
}

/**
 * A decoded JSON value as Go's `fmt.Sprintf("%+v", …)` prints it: `map[spec:map[clusterIp:x]]`,
 * keys sorted, strings bare, null as `<nil>`. The PATCH handler prints a strategic merge
 * patch this way when the patched object fails strict decoding.
 */
export function goValueString(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValueString).join(' ')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .sort()
      .map((key) => `${key}:${goValueString(record[key])}`);
    return `map[${entries.join(' ')}]`;
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return goFloatString(value);
  return String(value);
}

/** float64 under %v: shortest digits, exponent form below 1e-4 and from 1e6 on (`1.5e+06`). */
function goFloatString(value: number): string {
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent >= -4 && exponent < 6) return String(value);
  const [mantissa, power] = value.toExponential().split('e') as [string, string];
  const sign = power.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${power.replace(/^[+-]/, '').padStart(2, '0')}`;
}
