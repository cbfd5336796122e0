import { randomInt } from 'node:crypto';

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The message `metadata.name` gets when it is not a DNS-1123 subdomain, as the API server words it. */
export function subdomainProblem(name: string): string | undefined {
  if (name.length > 253) return 'must be no more than 253 characters';
  if (!dns1123Subdomain.test(name)) {
    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  }
  return undefined;
}

/** The alphabet Kubernetes uses for generated suffixes: no vowels, no confusable digits. */
export const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += suffixAlphabet[randomInt(suffixAlphabet.length)];
  return out;
}

/** `generateName` + five random characters, trimmed so the result stays a valid name. */
export function generateName(prefix: string): string {
  const maxPrefix = 63 - 5;
  return `${prefix.slice(0, maxPrefix)}${randomSuffix()}`;
}
