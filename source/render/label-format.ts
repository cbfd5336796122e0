import { none } from './object-meta-columns.ts';

/** `app=echo,tier=web`, keys sorted, `<none>` when empty (labels.FormatLabels). */
export function formatLabels(labels: Readonly<Record<string, string>> | null | undefined): string {
  const text = Object.keys(labels ?? {})
    .sort()
    .map((key) => `${key}=${labels![key]}`)
    .join(',');
  return text === '' ? none : text;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/**
 * A Deployment-style selector as a selector string: `app=echo,tier in (a,b),!legacy`,
 * requirements sorted by key (LabelSelectorAsSelector(...).String()). An empty selector gives
 * ''; an operator Kubernetes does not know gives undefined.
 */
export function labelSelectorString(
  selector: Readonly<LabelSelector> | null | undefined,
): string | undefined {
  if (!selector) return '';
  const requirements: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    requirements.push({ key, text: `${key}=${value}` });
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const sorted = [...values].sort().join(',');
    const text =
      operator === 'In'
        ? `${key} in (${sorted})`
        : operator === 'NotIn'
          ? `${key} notin (${sorted})`
          : operator === 'Exists'
            ? key
            : operator === 'DoesNotExist'
              ? `!${key}`
              : undefined;
    if (text === undefined) return undefined;
    requirements.push({ key, text });
  }
  return requirements
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** The same, with `<none>` for an empty selector (metav1.FormatLabelSelector). */
export function formatLabelSelector(selector: Readonly<LabelSelector> | null | undefined): string {
  const text = labelSelectorString(selector);
  if (text === undefined) return '<error>';
  return text === '' ? none : text;
}
