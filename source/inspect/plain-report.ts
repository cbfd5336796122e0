import type { Diagnosis, InspectReport, ServiceReport } from './inspect-report.ts';

const endpointLinesShown = 5;
const label = (text: string) => `  ${text.padEnd(10)} `;
const continuation = ' '.repeat(13);

/** The readable report `inspect --plain` prints: one block per Service, problems last. */
export function plainReport(report: InspectReport): string {
  const lines: string[] = [];
  const scope = report.scope.allNamespaces
    ? 'all namespaces'
    : `namespace ${report.scope.namespace}`;
  lines.push(`Context ${report.context} (${report.server}), ${scope}`);
  if (report.unseen.length > 0) {
    lines.push('', 'Could not see:');
    for (const unseen of report.unseen)
      lines.push(
        `  ${unseen.resource}: ${unseen.reason} — ${unseen.message}`,
        `    so ${unseen.consequence}`,
      );
  }
  if (report.services.length === 0) lines.push('', 'No Services.');
  for (const service of report.services) lines.push('', ...serviceLines(service));
  if (report.findings.length > 0) {
    lines.push('', 'Other objects:');
    for (const finding of report.findings) lines.push(...diagnosisLines(finding, '  '));
  }
  const { error, warning, note } = report.totals;
  const problemServices = report.services.filter((service) =>
    service.diagnoses.some((d) => d.severity !== 'note'),
  ).length;
  lines.push(
    '',
    `${report.services.length} Service${report.services.length === 1 ? '' : 's'}, ${problemServices} with problems; ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(note, 'note')}.`,
  );
  return `${lines.join('\n')}\n`;
}

export function serviceLines(service: ServiceReport): string[] {
  const problems = service.diagnoses.filter((d) => d.severity !== 'note');
  const health =
    problems.length === 0
      ? 'ok'
      : `${plural(problems.filter((d) => d.severity === 'error').length, 'error')}, ${plural(problems.filter((d) => d.severity === 'warning').length, 'warning')}`;
  const lines = [
    `${service.namespace}/${service.name}  ${service.type}  ${service.headless ? 'headless' : service.clusterIPs.join(',') || '-'}  [${health}]`,
  ];
  if (service.ports.length > 0)
    lines.push(
      label('ports') +
        service.ports
          .map(
            (port) =>
              `${port.name ? `${port.name} ` : ''}${port.port}/${port.protocol} → ${port.targetPort}${port.nodePort !== undefined ? ` (nodePort ${port.nodePort})` : ''}`,
          )
          .join(', '),
    );
  if (service.selector) {
    const selector = Object.entries(service.selector)
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    const pods = service.matchingPods
      ? `; ${plural(service.matchingPods.total, 'pod')} match, ${service.matchingPods.ready} ready`
      : '';
    lines.push(label('selector') + selector + pods);
  } else if (service.type !== 'ExternalName') {
    lines.push(`${label('selector')}none (endpoints are managed by hand)`);
  }
  if (service.endpointCounts && service.endpoints) {
    const { ready, notReady, terminating } = service.endpointCounts;
    lines.push(
      `${label('endpoints')}${ready} ready, ${notReady} not ready, ${terminating} terminating`,
    );
    for (const endpoint of service.endpoints.slice(0, endpointLinesShown))
      lines.push(
        `${continuation}${endpoint.address} ${endpoint.ports.join(',')}  ${endpoint.state}${endpoint.pod ? `  pod ${endpoint.pod}` : ''}${endpoint.node ? `  node ${endpoint.node}` : ''}`,
      );
    if (service.endpoints.length > endpointLinesShown)
      lines.push(`${continuation}… and ${service.endpoints.length - endpointLinesShown} more`);
  }
  const external: string[] = [];
  if (service.external.loadBalancer.length > 0)
    external.push(`load balancer ${service.external.loadBalancer.join(', ')}`);
  if (service.external.loadBalancerPending) external.push('load balancer <pending>');
  if (service.external.externalIPs.length > 0)
    external.push(`externalIPs ${service.external.externalIPs.join(', ')}`);
  if (service.external.externalName) external.push(`externalName ${service.external.externalName}`);
  if (external.length > 0) lines.push(label('external') + external.join('; '));
  const policies: string[] = [];
  if (service.trafficPolicy.external)
    policies.push(`externalTrafficPolicy ${service.trafficPolicy.external}`);
  if (service.trafficPolicy.internal)
    policies.push(`internalTrafficPolicy ${service.trafficPolicy.internal}`);
  policies.push(
    `sessionAffinity ${service.sessionAffinity.type}${service.sessionAffinity.timeoutSeconds ? ` (${service.sessionAffinity.timeoutSeconds}s)` : ''}`,
  );
  lines.push(label('policies') + policies.join(', '));
  service.routes.forEach((route, index) => {
    const via = route.gateways?.length ? ` via Gateway ${route.gateways.join(', ')}` : '';
    const at = route.url ? ` at ${route.url}` : ' (no address yet)';
    lines.push(
      (index === 0 ? label('routes') : continuation) +
        `${route.kind} ${route.name}: ${route.host}${route.path} → port ${route.servicePort}${via}${at}`,
    );
  });
  service.reach.forEach((reach, index) => {
    lines.push(
      `${index === 0 ? label('reach') : continuation}from ${reach.from === 'outside' ? 'outside' : `a ${reach.from}`} via ${reach.via} (${reach.target}):`,
      `${continuation}  ${reach.command}`,
    );
  });
  for (const diagnosis of service.diagnoses) lines.push(...diagnosisLines(diagnosis, '  '));
  return lines;
}

export function diagnosisLines(diagnosis: Diagnosis, indent: string): string[] {
  return [
    `${indent}${diagnosis.severity.toUpperCase()} [${diagnosis.id}] ${diagnosis.summary}`,
    ...diagnosis.evidence.map((line) => `${indent}    evidence: ${line}`),
    `${indent}    fix: ${diagnosis.fix}`,
  ];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
