import { describe, expect, it } from 'vitest';
import { humanDuration, since } from '../../source/render/human-duration.ts';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe('humanDuration, as kubectl prints AGE', () => {
  it.each([
    [0, '0s'],
    [-1.5 * second, '0s'],
    [-2 * second, '<invalid>'],
    [45 * second, '45s'],
    [119 * second, '119s'],
    [2 * minute, '2m'],
    [2 * minute + 30 * second, '2m30s'],
    [9 * minute + 59 * second, '9m59s'],
    [10 * minute + 59 * second, '10m'],
    [179 * minute, '179m'],
    [3 * hour, '3h'],
    [3 * hour + 5 * minute, '3h5m'],
    [7 * hour + 59 * minute, '7h59m'],
    [8 * hour + 30 * minute, '8h'],
    [47 * hour, '47h'],
    [2 * day, '2d'],
    [2 * day + 2 * hour, '2d2h'],
    [7 * day + 23 * hour, '7d23h'],
    [8 * day + 5 * hour, '8d'],
    [63 * day, '63d'],
    [729 * day, '729d'],
    [730 * day, '2y'],
    [730 * day + 12 * day, '2y12d'],
    [8 * 365 * day + 100 * day, '8y'],
  ])('%d ms is %s', (milliseconds, expected) => {
    expect(humanDuration(milliseconds)).toBe(expected);
  });
});

describe('since', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('measures from a timestamp to now', () => {
    expect(since('2026-11-26T11:55:00Z', now)).toBe('5m');
    expect(since('2026-09-24T12:00:00Z', now)).toBe('63d');
  });
  it('says <unknown> without a timestamp', () => {
    expect(since(undefined, now)).toBe('<unknown>');
    expect(since('', now)).toBe('<unknown>');
    expect(since('not a time', now)).toBe('<unknown>');
  });
});
