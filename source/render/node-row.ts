import type { Json } from '../sandbox/api/kube-object.ts';
import { since } from './human-duration.ts';
import { ageColumn, nameColumn, none, unknown } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

const addressesDescription =
  'List of addresses reachable to the node. Queried from cloud provider, if available.';

export const nodeColumns = [
  nameColumn,
  column('Status', 'The status of the node'),
  column('Roles', 'The roles of the node'),
  ageColumn,
  column('Version', 'Kubelet Version reported by the node.'),
  column('Internal-IP', addressesDescription, { priority: 1 }),
  column('External-IP', addressesDescription, { priority: 1 }),
  column(
    'OS-Image',
    'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
    {
      priority: 1,
    },
  ),
  column(
    'Kernel-Version',
    "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
    {
      priority: 1,
    },
  ),
  column(
    'Container-Runtime',
    'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
    { priority: 1 },
  ),
] as const;

/** STATUS: `Ready` / `NotReady` / `Unknown`, plus `SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Readonly<Json>): string {
  const ready = (node.status?.conditions ?? []).findLast((c: Json) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** ROLES: from `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`, sorted. */
export function nodeRoles(labels: Readonly<Record<string, string>> | undefined): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) roles.add(value);
  }
  return [...roles].sort().join(',') || none;
}

function address(node: Readonly<Json>, type: string): string {
  return (node.status?.addresses ?? []).find((a: Json) => a.type === type)?.address ?? none;
}

export const nodeRow: ObjectRenderer = {
  columns: nodeColumns,
  cells(node, now) {
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata?.name ?? '',
      nodeStatus(node),
      nodeRoles(node.metadata?.labels),
      since(node.metadata?.creationTimestamp, now),
      info.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info.osImage || unknown,
      info.kernelVersion || unknown,
      info.containerRuntimeVersion || unknown,
    ];
  },
};
