import type { KubeObject } from '../kube-object.ts';
import { ApiError, badRequest } from '../status.ts';
import { decodeMessage } from './decode-message.ts';
import { type Envelope, readEnvelope } from './envelope.ts';
import { messageForKind } from './kind-messages.ts';
import { ProtobufError } from './wire-reader.ts';

export const protobufMediaType = 'application/vnd.kubernetes.protobuf';

export function isProtobuf(contentType: string): boolean {
  return contentType.split(';')[0]!.trim().toLowerCase() === protobufMediaType;
}

/** The kind the URL serves; it fills in what the envelope leaves out, as on the real server. */
export interface ExpectedKind {
  apiVersion: string;
  kind: string;
}

/**
 * Turns a Kubernetes protobuf body (`k8s\0` + runtime.Unknown) into the JSON object the rest
 * of the sandbox reads: the same document the client would have sent as JSON.
 */
export function decodeProtobufBody(body: Uint8Array, expected?: ExpectedKind): KubeObject {
  let envelope: Envelope;
  try {
    envelope = readEnvelope(body);
  } catch (error) {
    throw unrecognized(error, body, expected);
  }
  const kind = envelope.kind || expected?.kind || '';
  const apiVersion = envelope.apiVersion || expected?.apiVersion || '';
  if (!kind) {
    const typeMeta = `runtime.TypeMeta{APIVersion:"${envelope.apiVersion}", Kind:""}`;
    throw unrecognized(
      new ProtobufError(`Object 'Kind' is missing in '${typeMeta}'`),
      body,
      expected,
    );
  }
  const descriptor = messageForKind(apiVersion, kind);
  if (!descriptor) {
    // Not pretending: the real server reads every built-in kind, the sandbox only these.
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the sandbox cannot read ${kind} (${apiVersion}) in ${protobufMediaType}; send it as application/json`,
    );
  }
  try {
    return { apiVersion, kind, ...decodeMessage(descriptor, envelope.raw) } as KubeObject;
  } catch (error) {
    if (!(error instanceof ProtobufError)) throw error;
    const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
    throw badRequest(
      `${kind} in version "${version}" cannot be handled as a ${expected?.kind ?? kind}: ${error.message}`,
    );
  }
}

/** The server's words when it cannot even tell what kind of object it was sent. */
function unrecognized(error: unknown, body: Uint8Array, expected?: ExpectedKind): ApiError {
  if (!(error instanceof ProtobufError)) throw error;
  const type = expected ? ` (must be of type ${expected.kind})` : '';
  return badRequest(
    `the object provided is unrecognized${type}: ${error.message} (${summarize(body)})`,
  );
}

/** The first 30 bytes (as text for JSON, else in hex), as the server summarises a bad body. */
function summarize(body: Uint8Array): string {
  if (body.length === 0) return '<empty>';
  const head = Buffer.from(body.subarray(0, 30));
  const text = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return body.length > 30 ? `${text} ...` : text;
}
