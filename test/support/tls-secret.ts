import { stringify } from 'yaml';

/** A kubernetes.io/tls Secret holding `certificate`, as a YAML document for `kubectl apply`. */
export function tlsSecretYaml(
  { name, namespace }: { name: string; namespace?: string },
  certificate: { certPem: string; keyPem: string },
): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: namespace === undefined ? { name } : { name, namespace },
    type: 'kubernetes.io/tls',
    data: {
      'tls.crt': Buffer.from(certificate.certPem).toString('base64'),
      'tls.key': Buffer.from(certificate.keyPem).toString('base64'),
    },
  });
}
