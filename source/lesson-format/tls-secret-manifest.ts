import type { Json } from '../sandbox/api/kube-object.ts';
import type { TlsSecretStep } from './lesson-types.ts';

/** What a tlsSecret step puts in its Secret: a certificate and its private key, both PEM. */
export interface CertificatePem {
  certPem: string;
  keyPem: string;
}

/** The `kubernetes.io/tls` Secret `kubectl create secret tls NAME --cert --key` would create. */
export function tlsSecretManifest(name: string, pem: CertificatePem): Json {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name },
    type: 'kubernetes.io/tls',
    data: {
      'tls.crt': Buffer.from(pem.certPem, 'utf8').toString('base64'),
      'tls.key': Buffer.from(pem.keyPem, 'utf8').toString('base64'),
    },
  };
}

/**
 * The commands that make the same Secret by hand: an openssl self-signed certificate for the
 * hosts (the first is the subject CN; all are subjectAltNames), then kubectl. The tutor makes
 * an ECDSA P-256 key, valid for a year, as the openssl line says.
 */
export function tlsSecretCommands(step: Pick<TlsSecretStep, 'name' | 'hosts'>): string[][] {
  return [
    [
      'openssl',
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '365',
      '-subj',
      `/CN=${step.hosts[0]}`,
      '-addext',
      `subjectAltName=${step.hosts.map((host) => `DNS:${host}`).join(',')}`,
      '-keyout',
      'tls.key',
      '-out',
      'tls.crt',
    ],
    ['kubectl', 'create', 'secret', 'tls', step.name, '--cert=tls.crt', '--key=tls.key'],
  ];
}
