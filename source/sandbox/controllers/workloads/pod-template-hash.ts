import type { Json } from '../../api/kube-object.ts';
import { suffixAlphabet } from '../../api/names.ts';
import { canonicalJson } from '../semantic-equality.ts';

export const podTemplateHashLabel = 'pod-template-hash';

/**
 * The `pod-template-hash` of a Deployment's pod template, shaped like the real
 * `controller.ComputeHash`: a 32-bit FNV-1a of the template (plus the collision count when
 * there is one), whose decimal digits are spelled in the Kubernetes name alphabet. The same
 * template always gives the same hash, so `echo-<hash>` names are stable across restarts.
 */
export function computePodTemplateHash(
  template: Json | undefined,
  collisionCount?: number,
): string {
  let bytes = new TextEncoder().encode(canonicalJson(template ?? {}));
  if (collisionCount !== undefined) {
    const count = new Uint8Array(4);
    new DataView(count.buffer).setUint32(0, collisionCount >>> 0, true);
    bytes = new Uint8Array([...bytes, ...count]);
  }
  return safeEncode(String(fnv1a32(bytes)));
}

export function fnv1a32(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Maps every character onto the alphabet without vowels, as apimachinery's SafeEncodeString. */
export function safeEncode(text: string): string {
  let out = '';
  for (const char of text) out += suffixAlphabet[char.charCodeAt(0) % suffixAlphabet.length];
  return out;
}
