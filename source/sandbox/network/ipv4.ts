/** Dotted-quad IPv4 addresses as numbers: the only address family the sandbox's cluster has. */

/** The address as a 32-bit number, or undefined unless it is four decimal octets up to 255. */
export function parseIPv4(value: string): number | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  let result = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    result = result * 256 + octet;
  }
  return result;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Whether an IPv4 address is inside a CIDR such as `10.0.0.0/8`. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base = '', bits = ''] = cidr.trim().split('/');
  const address = parseIPv4(ip.trim());
  const network = parseIPv4(base.trim());
  const length = Number(bits);
  if (address === undefined || network === undefined) return false;
  if (!Number.isInteger(length) || length < 0 || length > 32) return false;
  const size = 2 ** (32 - length);
  return Math.floor(address / size) === Math.floor(network / size);
}
