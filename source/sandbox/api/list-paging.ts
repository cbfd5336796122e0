import type { KubeObject } from './kube-object.ts';
import { ApiError } from './status.ts';

interface ContinueToken {
  /** The list's resourceVersion when paging began. */
  rv: number;
  /** The `namespace/name` key of the last item already returned. */
  start: string;
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function decodeContinue(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof token.rv === 'number' && typeof token.start === 'string') return token;
  } catch {
    // fall through to the error below
  }
  throw new ApiError(
    400,
    'BadRequest',
    'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}

function keyOf(object: Readonly<KubeObject>): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/**
 * One page of a sorted list. Pages are taken from the live list after the last key, so items
 * created meanwhile may appear — a looser promise than etcd's snapshot, stated here honestly.
 */
export function pageOf(
  items: readonly Readonly<KubeObject>[],
  limit: number | undefined,
  continueText: string | undefined,
  revision: number,
): {
  page: readonly Readonly<KubeObject>[];
  continue?: string;
  remainingItemCount?: number;
  rv: number;
} {
  const token = continueText ? decodeContinue(continueText) : undefined;
  const rv = token?.rv ?? revision;
  const startIndex = token ? items.findIndex((item) => keyOf(item) > token.start) : 0;
  const rest = startIndex < 0 ? [] : items.slice(startIndex);
  if (!limit || limit <= 0 || rest.length <= limit) return { page: rest, rv };
  const page = rest.slice(0, limit);
  return {
    page,
    continue: encodeContinue({ rv, start: keyOf(page.at(-1)!) }),
    remainingItemCount: rest.length - limit,
    rv,
  };
}
