import { X509Certificate } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { TlsCertificateMaterial, TlsFilterChain } from './gateway-router.ts';

/**
 * How Envoy picks TLS material for a handshake: first the listener's filter chain by SNI
 * (`server_names`: the exact name, then ever shorter `*.` wildcards, then a chain without
 * names), then within the chain the certificate whose DNS SANs (or, without SANs, subject CN)
 * match the SNI exactly or by a one-label `*.` wildcard — or else the first certificate.
 */

export interface LoadedCertificate {
  context: SecureContext;
  /** DNS SANs, or the subject CN when there are none, lower-cased. */
  names: string[];
  /** SHA-256 fingerprint as node prints it (`AB:CD:…`). */
  fingerprint256: string;
}

/** Loaded certificates by content, so a Secret's certificate is parsed once; bounded. */
const loaded = new Map<string, LoadedCertificate | null>();
const maxLoaded = 256;

/** A usable certificate, or undefined when the key and certificate do not load together. */
export function loadCertificate(material: TlsCertificateMaterial): LoadedCertificate | undefined {
  const key = `${material.certPem}\n${material.keyPem}`;
  let result = loaded.get(key);
  if (result === undefined) {
    try {
      const certificate = new X509Certificate(material.certPem);
      result = {
        context: createSecureContext({ cert: material.certPem, key: material.keyPem }),
        names: certificateNames(certificate),
        fingerprint256: certificate.fingerprint256,
      };
    } catch {
      result = null;
    }
    if (loaded.size >= maxLoaded) loaded.delete(loaded.keys().next().value!);
    loaded.set(key, result);
  }
  return result ?? undefined;
}

function certificateNames(certificate: X509Certificate): string[] {
  const dns = (certificate.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4).toLowerCase());
  if (dns.length > 0) return dns;
  const commonName = /(?:^|\n)CN=([^\n]+)/.exec(certificate.subject)?.[1];
  return commonName ? [commonName.toLowerCase()] : [];
}

/** The filter chain serving a handshake with this SNI; undefined means Envoy resets it. */
export function chooseFilterChain<T extends Pick<TlsFilterChain, 'serverNames'>>(
  chains: readonly T[],
  serverName: string | undefined,
): T | undefined {
  if (serverName) {
    const name = serverName.toLowerCase();
    const candidates = [name];
    const labels = name.split('.');
    for (let i = 1; i < labels.length; i++) candidates.push(`*.${labels.slice(i).join('.')}`);
    for (const candidate of candidates) {
      const chain = chains.find((c) => c.serverNames.some((n) => n.toLowerCase() === candidate));
      if (chain) return chain;
    }
  }
  return chains.find((chain) => chain.serverNames.length === 0);
}

/** The certificate Envoy presents for this SNI among a chain's certificates. */
export function chooseCertificate(
  certificates: readonly LoadedCertificate[],
  serverName: string | undefined,
): LoadedCertificate | undefined {
  if (serverName) {
    const name = serverName.toLowerCase();
    const exact = certificates.find((certificate) => certificate.names.includes(name));
    if (exact) return exact;
    const dot = name.indexOf('.');
    if (dot > 0) {
      const wildcard = `*${name.slice(dot)}`;
      const match = certificates.find((certificate) => certificate.names.includes(wildcard));
      if (match) return match;
    }
  }
  return certificates[0];
}
