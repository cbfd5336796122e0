import { containerCells } from './container-cells.ts';
import { since } from './human-duration.ts';
import { labelSelectorString } from './label-format.ts';
import { ageColumn, nameColumn } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const deploymentColumns = [
  nameColumn,
  column('Ready', 'Number of the pod with ready state'),
  column(
    'Up-to-date',
    'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
  ),
  column(
    'Available',
    'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
  ),
  ageColumn,
  column('Containers', 'Names of each container in the template.', { priority: 1 }),
  column('Images', 'Images referenced by each container in the template.', { priority: 1 }),
  column(
    'Selector',
    'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
    { priority: 1 },
  ),
] as const;

export const deploymentRow: ObjectRenderer = {
  columns: deploymentColumns,
  cells(deployment, now) {
    const status = deployment.status ?? {};
    // spec.replicas defaults to 1 on the server, so a stored Deployment always has it.
    const desired = deployment.spec?.replicas ?? 1;
    const { names, images } = containerCells(deployment.spec?.template?.spec?.containers);
    return [
      deployment.metadata?.name ?? '',
      `${status.readyReplicas ?? 0}/${desired}`,
      status.updatedReplicas ?? 0,
      status.availableReplicas ?? 0,
      since(deployment.metadata?.creationTimestamp, now),
      names,
      images,
      labelSelectorString(deployment.spec?.selector) ?? '<invalid>',
    ];
  },
};
