import { createPrivateKey, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceLearner } from '../../source/lesson-engine/learner.ts';
import { LessonEngine } from '../../source/lesson-engine/lesson-engine.ts';
import type { LessonEvent } from '../../source/lesson-engine/lesson-events.ts';
import { loadLesson } from '../../source/lesson-format/load-lesson.ts';
import { type SandboxRuntime, startSandboxRuntime } from '../../source/runtime/sandbox-runtime.ts';
import { projectRoot } from '../cli/run-cli.ts';
import { tempDirectory } from '../support/temp-directory.ts';

const fixtures = join(projectRoot, 'test/fixtures/engine-lessons');
const { lesson } = loadLesson(fixtures, '04-certificate-and-address');
let runtime: SandboxRuntime;

beforeAll(async () => {
  runtime = await startSandboxRuntime({ pace: 0.05 });
});
afterAll(async () => {
  await runtime.stop();
});

function engineFor(events: LessonEvent[]): LessonEngine {
  const engine = new LessonEngine(lesson!, runtime, {
    learner: referenceLearner,
    workspaceDirectory: tempDirectory('expose-tutor-certificate-'),
  });
  engine.subscribe((event) => events.push(event));
  return engine;
}

/** The certificate and key in the lesson's Secret, as the sandbox stores them. */
function storedCertificate(): { certificate: X509Certificate; keyPem: string; type: string } {
  const secret = runtime.sandbox.store.peek('/secrets', lesson!.namespace, 'web-tls');
  expect(secret).toBeDefined();
  const data = secret!.data as Record<string, string>;
  return {
    certificate: new X509Certificate(Buffer.from(data['tls.crt']!, 'base64')),
    keyPem: Buffer.from(data['tls.key']!, 'base64').toString('utf8'),
    type: secret!.type,
  };
}

describe('a lesson that makes a certificate and saves an address', () => {
  it('creates a kubernetes.io/tls Secret with a fresh self-signed certificate an Ingress serves', async () => {
    const events: LessonEvent[] = [];
    const outcome = await engineFor(events).run();
    expect(outcome, JSON.stringify(outcome.failures)).toMatchObject({ passed: true });

    const commands = events.flatMap((event) => (event.type === 'command' ? [event.command] : []));
    expect(commands).toContain(
      'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=web.example -addext subjectAltName=DNS:web.example -keyout tls.key -out tls.crt',
    );
    expect(commands).toContain(
      'kubectl create secret tls web-tls --cert=tls.crt --key=tls.key -n certificate-and-address',
    );
    const { certificate, keyPem, type } = storedCertificate();
    expect(type).toBe('kubernetes.io/tls');
    expect(certificate.subjectAltName).toBe('DNS:web.example');
    expect(certificate.subject).toBe('CN=web.example');
    // Self-signed: its own issuer, and signed by the key stored beside it.
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);

    // The wait saved the Ingress's address; the probes used it.
    const saved = events.find((event) => event.type === 'variable-saved');
    const address = runtime.sandbox.store.peek(
      'networking.k8s.io/ingresses',
      lesson!.namespace,
      'web',
    )?.status?.loadBalancer?.ingress?.[0]?.ip;
    expect(saved).toEqual({ type: 'variable-saved', name: 'ingressIP', value: address });
    const failures = events.flatMap((event) =>
      event.type === 'probe-result' && event.result.outcome.kind !== 'response'
        ? [event.result.outcome]
        : [],
    );
    expect(failures.at(-1)).toMatchObject({
      kind: 'tls-error',
      detail: 'SSL certificate problem: self-signed certificate',
    });
  }, 30_000);

  it('resumed after them, replays the certificate and the saved address before going on', async () => {
    const before = storedCertificate().certificate.fingerprint256;
    const events: LessonEvent[] = [];
    const outcome = await engineFor(events).run({ startAt: 'trusting' });
    expect(outcome, JSON.stringify(outcome.failures)).toMatchObject({ passed: true });
    expect(events.find((event) => event.type === 'caught-up')).toEqual({
      type: 'caught-up',
      steps: 4,
    });
    // Every run makes a new key and certificate.
    expect(storedCertificate().certificate.fingerprint256).not.toBe(before);
    const probe = events.find((event) => event.type === 'probe-finished');
    expect(probe?.type === 'probe-finished' && probe.run.tally.pods).toHaveLength(1);
  }, 30_000);
});
