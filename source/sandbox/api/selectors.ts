import type { KubeObject } from './kube-object.ts';
import { badRequest } from './status.ts';

export type Matcher = (object: Readonly<KubeObject>) => boolean;

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' };

/**
 * Parses a label selector as kubectl sends it: `app=echo,tier!=db,env in (a,b),!legacy,gpu`.
 * Equality forms (`=`, `==`, `!=`) become `in`/`notin` of one value.
 */
export function parseLabelSelector(selector: string): Requirement[] {
  const requirements: Requirement[] = [];
  for (const term of splitTerms(selector)) {
    const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (set) {
      requirements.push({
        key: set[1]!,
        op: set[2] as 'in' | 'notin',
        values: set[3]!
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      });
      continue;
    }
    const eq = /^([^\s!=]+)\s*(==|=|!=)\s*([^\s,]*)$/.exec(term);
    if (eq) {
      requirements.push({ key: eq[1]!, op: eq[2] === '!=' ? 'notin' : 'in', values: [eq[3]!] });
      continue;
    }
    const not = /^!\s*([^\s!=]+)$/.exec(term);
    if (not) {
      requirements.push({ key: not[1]!, op: '!' });
      continue;
    }
    if (/^[^\s!=(),]+$/.test(term)) {
      requirements.push({ key: term, op: 'exists' });
      continue;
    }
    throw badRequest(
      `unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`,
    );
  }
  return requirements;
}

/** Splits on commas outside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) terms.push(current.trim());
  return terms.filter(Boolean);
}

export function labelsMatch(
  labels: Record<string, string> | undefined,
  requirements: Requirement[],
): boolean {
  const have = labels ?? {};
  return requirements.every((req) => {
    const present = Object.hasOwn(have, req.key);
    switch (req.op) {
      case 'exists':
        return present;
      case '!':
        return !present;
      case 'in':
        return present && req.values.includes(have[req.key]!);
      default:
        return !present || !req.values.includes(have[req.key]!);
    }
  });
}

/** Does a Service-style equality selector (`spec.selector`) match these labels? Empty matches nothing. */
export function selectorMatches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const entries = Object.entries(selector ?? {});
  if (entries.length === 0) return false;
  return entries.every(([key, value]) => labels?.[key] === value);
}

/** `matchLabels` + `matchExpressions` as in Deployments and ReplicaSets. */
export function labelSelectorMatches(
  selector:
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: { key: string; operator: string; values?: string[] }[];
      }
    | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => have[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((expr) => {
    const present = Object.hasOwn(have, expr.key);
    switch (expr.operator) {
      case 'In':
        return present && (expr.values ?? []).includes(have[expr.key]!);
      case 'NotIn':
        return !present || !(expr.values ?? []).includes(have[expr.key]!);
      case 'Exists':
        return present;
      case 'DoesNotExist':
        return !present;
      default:
        return false;
    }
  });
  return byLabels && byExpressions;
}

/**
 * Field selectors: `metadata.name=x,spec.nodeName!=y,involvedObject.kind=Service`. The real
 * server supports a fixed set per kind; the sandbox resolves any dotted path, which covers them.
 */
export function parseFieldSelector(selector: string): Matcher {
  const terms = splitTerms(selector).map((term) => {
    const match = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
    if (!match) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    return {
      path: match[1]!.trim().split('.'),
      negate: match[2] === '!=',
      value: match[3]!.trim(),
    };
  });
  return (object) =>
    terms.every(({ path, negate, value }) => {
      // biome-ignore lint/suspicious/noExplicitAny: walking an open JSON document.
      let current: any = object;
      for (const part of path) current = current?.[part];
      const actual = current === undefined || current === null ? '' : String(current);
      return negate ? actual !== value : actual === value;
    });
}

export function buildMatcher(labelSelector: string | null, fieldSelector: string | null): Matcher {
  const labels = labelSelector ? parseLabelSelector(labelSelector) : [];
  const fields = fieldSelector ? parseFieldSelector(fieldSelector) : () => true;
  return (object) => labelsMatch(object.metadata.labels, labels) && fields(object);
}
