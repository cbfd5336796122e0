import { describe, expect, it } from 'vitest';
import { createdAtRow } from '../../source/render/created-at-row.ts';
import { rendererFor } from '../../source/render/renderers.ts';
import { serviceRow } from '../../source/render/service-row.ts';
import { renderRow } from '../support/render-row.ts';

describe('the default row for kinds without printers', () => {
  it('prints NAME and CREATED AT as an RFC 3339 timestamp', () => {
    const object = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', creationTimestamp: '2026-11-26T11:55:00Z' },
    };
    expect(renderRow(createdAtRow, object)).toEqual({
      NAME: 'w',
      'CREATED AT': '2026-11-26T11:55:00Z',
    });
    expect(createdAtRow.columns[1]).toMatchObject({ name: 'Created At', type: 'date' });
  });

  it('is what unknown resources get; known ones get their own', () => {
    expect(rendererFor('example.com/widgets')).toBe(createdAtRow);
    expect(rendererFor('/services')).toBe(serviceRow);
  });
});
