import { describe, expect, it } from 'vitest';
import {
  formatLabelSelector,
  formatLabels,
  labelSelectorString,
} from '../../source/render/label-format.ts';

describe('formatLabels', () => {
  it('sorts keys and joins key=value pairs', () => {
    expect(formatLabels({ tier: 'web', app: 'echo' })).toBe('app=echo,tier=web');
  });
  it('says <none> for no labels', () => {
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});

describe('label selectors', () => {
  it('sorts requirements by key and sorts set values', () => {
    expect(
      labelSelectorString({
        matchLabels: { app: 'echo' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['web', 'api'] },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
          { key: 'canary', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=echo,canary,env notin (prod),!legacy,tier in (api,web)');
  });
  it('is empty for an empty selector, <none> when formatted', () => {
    expect(labelSelectorString({})).toBe('');
    expect(formatLabelSelector({})).toBe('<none>');
  });
  it('fails on an unknown operator', () => {
    const bad = { matchExpressions: [{ key: 'a', operator: 'Near' }] };
    expect(labelSelectorString(bad)).toBeUndefined();
    expect(formatLabelSelector(bad)).toBe('<error>');
  });
});
