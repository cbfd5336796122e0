import type { Diagnosis, InspectReport, ServiceReport, Severity } from '../inspect-report.ts';

export type TreeRowKind = 'namespace' | 'service' | 'endpoint' | 'route' | 'findings' | 'finding';

/** One line of the tree: namespace → Service → its endpoints and routes; findings last. */
export interface TreeRow {
  /** Stable across refreshes, so selection and expansion survive them. */
  id: string;
  kind: TreeRowKind;
  depth: number;
  label: string;
  /** The worst severity under this row, or 'ok'. */
  status: Severity | 'ok' | 'none';
  expandable: boolean;
  /** What the details pane shows for the row. */
  target: RowTarget;
}

export type RowTarget =
  | { type: 'namespace'; namespace: string; services: ServiceReport[] }
  | { type: 'service'; service: ServiceReport }
  | { type: 'endpoint'; service: ServiceReport; index: number }
  | { type: 'route'; service: ServiceReport; index: number }
  | { type: 'findings'; findings: Diagnosis[] }
  | { type: 'finding'; finding: Diagnosis };

const severityOrder: (Severity | 'ok')[] = ['error', 'warning', 'note', 'ok'];

export function worst(diagnoses: readonly Diagnosis[]): Severity | 'ok' {
  for (const severity of severityOrder)
    if (diagnoses.some((diagnosis) => diagnosis.severity === severity)) return severity;
  return 'ok';
}

export const serviceId = (service: ServiceReport) => `svc:${service.namespace}/${service.name}`;

/** The rows shown with `expanded` ids open. Namespaces and findings are open unless closed. */
export function treeRows(
  report: InspectReport,
  collapsed: ReadonlySet<string>,
  expanded: ReadonlySet<string>,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const byNamespace = new Map<string, ServiceReport[]>();
  for (const service of report.services) {
    let list = byNamespace.get(service.namespace);
    if (!list) {
      list = [];
      byNamespace.set(service.namespace, list);
    }
    list.push(service);
  }
  for (const [namespace, services] of byNamespace) {
    const id = `ns:${namespace}`;
    rows.push({
      id,
      kind: 'namespace',
      depth: 0,
      label: `${namespace} (${services.length})`,
      status: worst(services.flatMap((service) => service.diagnoses)),
      expandable: true,
      target: { type: 'namespace', namespace, services },
    });
    if (collapsed.has(id)) continue;
    for (const service of services) {
      const sid = serviceId(service);
      const children = (service.endpoints?.length ?? 0) + service.routes.length;
      rows.push({
        id: sid,
        kind: 'service',
        depth: 1,
        label: `${service.name}  ${service.type}`,
        status: worst(service.diagnoses),
        expandable: children > 0,
        target: { type: 'service', service },
      });
      if (!expanded.has(sid)) continue;
      (service.endpoints ?? []).forEach((endpoint, index) => {
        rows.push({
          id: `${sid}/ep:${endpoint.address}:${index}`,
          kind: 'endpoint',
          depth: 2,
          label: `${endpoint.address} ${endpoint.state}${endpoint.pod ? ` ${endpoint.pod}` : ''}`,
          status: 'none',
          expandable: false,
          target: { type: 'endpoint', service, index },
        });
      });
      service.routes.forEach((route, index) => {
        rows.push({
          id: `${sid}/route:${route.kind}/${route.name}:${index}`,
          kind: 'route',
          depth: 2,
          label: `${route.kind} ${route.name} ${route.host}${route.path}`,
          status: 'none',
          expandable: false,
          target: { type: 'route', service, index },
        });
      });
    }
  }
  if (report.findings.length > 0) {
    rows.push({
      id: 'findings',
      kind: 'findings',
      depth: 0,
      label: `other objects (${report.findings.length})`,
      status: worst(report.findings),
      expandable: true,
      target: { type: 'findings', findings: report.findings },
    });
    if (!collapsed.has('findings'))
      report.findings.forEach((finding, index) => {
        rows.push({
          id: `finding:${finding.object.kind}/${finding.object.namespace}/${finding.object.name}:${finding.id}:${index}`,
          kind: 'finding',
          depth: 1,
          label: `${finding.object.kind} ${finding.object.name}: ${finding.id}`,
          status: finding.severity,
          expandable: false,
          target: { type: 'finding', finding },
        });
      });
  }
  return rows;
}
