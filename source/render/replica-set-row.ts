import { containerCells } from './container-cells.ts';
import { since } from './human-duration.ts';
import { formatLabelSelector } from './label-format.ts';
import { ageColumn, nameColumn } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const replicaSetColumns = [
  nameColumn,
  column(
    'Desired',
    'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1.',
    { type: 'integer' },
  ),
  column('Current', 'Replicas is the most recently observed number of replicas.', {
    type: 'integer',
  }),
  column(
    'Ready',
    'The number of ready replicas for this replica set. A pod is counted as ready when it has been ready for at least minReadySeconds.',
    { type: 'integer' },
  ),
  ageColumn,
  column('Containers', 'Names of each container in the template.', { priority: 1 }),
  column('Images', 'Images referenced by each container in the template.', { priority: 1 }),
  column(
    'Selector',
    'Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set.',
    { priority: 1 },
  ),
] as const;

export const replicaSetRow: ObjectRenderer = {
  columns: replicaSetColumns,
  cells(replicaSet, now) {
    const status = replicaSet.status ?? {};
    const { names, images } = containerCells(replicaSet.spec?.template?.spec?.containers);
    return [
      replicaSet.metadata?.name ?? '',
      replicaSet.spec?.replicas ?? 1,
      status.replicas ?? 0,
      status.readyReplicas ?? 0,
      since(replicaSet.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(replicaSet.spec?.selector),
    ];
  },
};
