import { parseIPv4 } from '../network/ipv4.ts';

/**
 * Format checks worded as k8s.io/apimachinery words them (`IsDNS1123Label`, `IsValidPortName`,
 * …). Each returns the problems with a value, empty when it is fine; callers wrap them in
 * field errors.
 */

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const wildcardSubdomainFmt = `\\*\\.${dns1123SubdomainFmt}`;
const labelKeyFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValueFmt = `(${labelKeyFmt})?`;
const configMapKeyFmt = '[-._a-zA-Z0-9]+';
const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

const anchored = (fmt: string) => new RegExp(`^${fmt}$`);
const dns1123Label = anchored(dns1123LabelFmt);
const dns1123Subdomain = anchored(dns1123SubdomainFmt);
const dns1035Label = anchored(dns1035LabelFmt);
const wildcardSubdomain = anchored(wildcardSubdomainFmt);
const labelKeyName = anchored(labelKeyFmt);
const labelValue = anchored(labelValueFmt);
const configMapKey = anchored(configMapKeyFmt);
const httpPath = anchored(httpPathFmt);

/** `RegexError`: the message, examples, and the regex, exactly as Go joins them. */
export function regexError(message: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${fmt}')`;
  const shown = examples.map((example) => `'${example}', `).join(' or ');
  return `${message} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

export function maxLengthError(length: number): string {
  return `must be no more than ${length} characters`;
}

export function inclusiveRangeError(low: number, high: number): string {
  return `must be between ${low} and ${high}, inclusive`;
}

export function isDns1123Label(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push(maxLengthError(63));
  if (!dns1123Label.test(value)) {
    problems.push(
      dns1123Subdomain.test(value)
        ? 'must not contain dots'
        : regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            dns1123LabelFmt,
            'my-name',
            '123-abc',
          ),
    );
  }
  return problems;
}

export function isDns1123Subdomain(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 253) problems.push(maxLengthError(253));
  if (!dns1123Subdomain.test(value)) {
    problems.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        dns1123SubdomainFmt,
        'example.com',
      ),
    );
  }
  return problems;
}

/** Service names: a DNS-1035 label (must start with a letter). */
export function isDns1035Label(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push(maxLengthError(63));
  if (!dns1035Label.test(value)) {
    problems.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        dns1035LabelFmt,
        'my-name',
        'abc-123',
      ),
    );
  }
  return problems;
}

export function isWildcardDns1123Subdomain(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 253) problems.push(maxLengthError(253));
  if (!wildcardSubdomain.test(value)) {
    problems.push(
      regexError(
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
        wildcardSubdomainFmt,
        '*.example.com',
      ),
    );
  }
  return problems;
}

export function isValidPortNumber(port: unknown): string[] {
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535
    ? []
    : [inclusiveRangeError(1, 65535)];
}

/** IANA service names: what a named port (`http`, `metrics`) must look like. */
export function isValidPortName(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push(maxLengthError(15));
  if (!/^[-a-z0-9]+$/.test(name))
    problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter (a-z)');
  if (name.includes('--')) problems.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-'))
    problems.push('must not begin or end with a hyphen');
  return problems;
}

/** Label keys and other "qualified names": an optional DNS prefix, a slash, a name. */
export function isQualifiedName(value: string): string[] {
  const problems: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) problems.push('prefix part must be non-empty');
    else problems.push(...isDns1123Subdomain(prefix).map((problem) => `prefix part ${problem}`));
  } else {
    return [
      `a valid label key ${regexError(
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelKeyFmt,
        'MyName',
        'my.name',
        '123-abc',
      )} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) problems.push('name part must be non-empty');
  else if (name.length > 63) problems.push(`name part ${maxLengthError(63)}`);
  if (!labelKeyName.test(name)) {
    problems.push(
      `name part ${regexError(
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelKeyFmt,
        'MyName',
        'my.name',
        '123-abc',
      )}`,
    );
  }
  return problems;
}

export function isValidLabelValue(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push(maxLengthError(63));
  if (!labelValue.test(value)) {
    problems.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelValueFmt,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return problems;
}

/** Keys of ConfigMap and Secret data. */
export function isConfigMapKey(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 253) problems.push(maxLengthError(253));
  if (!configMapKey.test(value)) {
    problems.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        configMapKeyFmt,
        'key.name',
        'KEY_NAME',
        'key-name',
      ),
    );
  }
  if (value === '.') problems.push("must not be '.'");
  else if (value === '..') problems.push("must not be '..'");
  else if (value.startsWith('..')) problems.push("must not start with '..'");
  return problems;
}

/** `acme.io/foo`: what IngressClass controllers look like. Problems paired with the bad part. */
export function domainPrefixedPathProblems(value: string): { value: string; message: string }[] {
  const segments = value.split('/');
  const host = segments[0] ?? '';
  const path = segments.slice(1).join('/');
  if (segments.length < 2 || host.length === 0 || path.length === 0)
    return [{ value, message: 'must be a domain-prefixed path (such as "acme.io/foo")' }];
  const problems = isDns1123Subdomain(host).map((message) => ({ value: host, message }));
  if (!httpPath.test(path))
    problems.push({ value: path, message: regexError('Invalid path', httpPathFmt) });
  return problems;
}

/** A loose IPv6 check: enough to tell an IPv6 address from garbage. */
export function isIPv6(value: string): boolean {
  if (!value.includes(':') || !/^[0-9a-fA-F:.]+$/.test(value)) return false;
  const doubleColons = value.split('::').length - 1;
  if (doubleColons > 1) return false;
  const groups = value.split(':').filter((group) => group !== '');
  return groups.length <= 8 && groups.every((group) => group.length <= 4 || group.includes('.'));
}

export function isIP(value: string): boolean {
  return parseIPv4(value) !== undefined || isIPv6(value);
}

/** `IsValidIP`'s message. */
export const invalidIPMessage = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** A CIDR such as `10.0.0.0/8` or `2001:db8::/32`. */
export function isCIDR(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || address === undefined || bits === undefined || !/^\d+$/.test(bits))
    return false;
  if (parseIPv4(address) !== undefined) return Number(bits) <= 32;
  return isIPv6(address) && Number(bits) <= 128;
}
