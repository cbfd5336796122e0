import { ClusterApiError } from '../cluster/cluster.ts';
import type { TlsSecretStep } from '../lesson-format/lesson-types.ts';
import { tlsSecretCommands, tlsSecretManifest } from '../lesson-format/tls-secret-manifest.ts';
import { shellCommand } from '../probe/shell-words.ts';
import { createSelfSignedCertificate } from '../sandbox/api/serving-certificate.ts';
import type { StepContext } from './step-context.ts';

/**
 * Makes a fresh self-signed certificate for the step's hosts and stores it, with its key, in a
 * `kubernetes.io/tls` Secret in the lesson's namespace — shown as the openssl and
 * `kubectl create secret tls` commands that do the same by hand. Every run gets a new key.
 */
export async function runTlsSecretStep(step: TlsSecretStep, ctx: StepContext): Promise<boolean> {
  const [openssl, create] = tlsSecretCommands(step);
  ctx.emit({ type: 'command', command: shellCommand(openssl!) });
  const pem = await createSelfSignedCertificate(step.hosts[0]!, { dns: step.hosts });
  ctx.signal.throwIfAborted();
  ctx.emit({
    type: 'command',
    command: shellCommand([...create!, '-n', ctx.lesson.namespace]),
  });
  try {
    const { object, warnings } = await ctx.cluster.apply(tlsSecretManifest(step.name, pem), {
      namespace: ctx.lesson.namespace,
      signal: ctx.signal,
    });
    ctx.emit({
      type: 'object-applied',
      ref: {
        apiVersion: 'v1',
        kind: 'Secret',
        name: object.metadata.name ?? step.name,
        namespace: object.metadata.namespace,
      },
      line: `secret/${step.name} created`,
      warnings,
    });
    return true;
  } catch (error) {
    if (!(error instanceof ClusterApiError)) throw error;
    const line = error.kubectlLine();
    ctx.emit({ type: 'apply-failed', file: `secret/${step.name}`, line });
    return ctx.judge(`kubectl create secret tls ${step.name}`, false, line);
  }
}
