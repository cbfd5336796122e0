import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { warningHeader } from './deprecation-warning.ts';
import {
  decodeProtobufBody,
  type ExpectedKind,
  isProtobuf,
} from './protobuf/decode-protobuf-body.ts';
import { ApiError, badRequest } from './status.ts';

const maxBodyBytes = 3 * 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
  return (await readBodyBytes(request)).toString('utf8');
}

/** The body as bytes, which protobuf bodies need. */
export async function readBodyBytes(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes)
      throw new ApiError(
        413,
        'RequestEntityTooLarge',
        'Request entity too large: limit is 3145728',
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Bodies arrive as JSON, YAML for server-side apply, or Kubernetes protobuf from typed clients
 * (kubectl 1.32+ `create` commands): pass the bytes for those, and the kind the URL serves.
 */
export function decodeBody(
  body: string | Uint8Array,
  contentType: string,
  expected?: ExpectedKind,
): unknown {
  if (isProtobuf(contentType)) {
    if (typeof body === 'string') throw new Error('protobuf bodies must be read as bytes');
    return decodeProtobufBody(body, expected);
  }
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    if (contentType.includes('yaml')) return parseYaml(text);
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(
      `the body of the request was in an unknown format: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

export function sendJson(
  response: ServerResponse,
  code: number,
  body: unknown,
  warnings: string[] = [],
): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
  };
  // Warnings set earlier in the request (a deprecated resource) come first.
  const earlier = response.getHeader('Warning');
  const all = [
    ...(earlier === undefined ? [] : Array.isArray(earlier) ? earlier : [String(earlier)]),
    ...warnings.map(warningHeader),
  ];
  if (all.length > 0) headers.Warning = all;
  response.writeHead(code, headers);
  response.end(text);
}

export function sendError(response: ServerResponse, error: ApiError): void {
  sendJson(response, error.code, error.toStatus());
}

export function sendText(response: ServerResponse, code: number, text: string): void {
  response.writeHead(code, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}
