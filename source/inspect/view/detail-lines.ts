import { diagnosisLines, serviceLines } from '../plain-report.ts';
import type { RowTarget } from './inspect-tree.ts';

/** The details pane's text for the selected row, as the plain report words it. */
export function detailLines(target: RowTarget | undefined): string[] {
  if (!target) return ['No Services in scope.'];
  switch (target.type) {
    case 'namespace': {
      const problems = target.services.filter((service) =>
        service.diagnoses.some((d) => d.severity !== 'note'),
      );
      return [
        `Namespace ${target.namespace}`,
        `${target.services.length} Service${target.services.length === 1 ? '' : 's'}, ${problems.length} with problems`,
        ...problems.map(
          (service) => `  ${service.name}: ${service.diagnoses.map((d) => d.id).join(', ')}`,
        ),
      ];
    }
    case 'service':
      return serviceLines(target.service);
    case 'endpoint': {
      const endpoint = target.service.endpoints?.[target.index];
      if (!endpoint) return [];
      return [
        `Endpoint ${endpoint.address} of Service ${target.service.namespace}/${target.service.name}`,
        `state   ${endpoint.state}`,
        `ports   ${endpoint.ports.join(', ') || '-'}`,
        `pod     ${endpoint.pod ?? '-'}`,
        `node    ${endpoint.node ?? '-'}`,
      ];
    }
    case 'route': {
      const route = target.service.routes[target.index];
      if (!route) return [];
      return [
        `${route.kind} ${route.namespace}/${route.name} → Service ${target.service.name} port ${route.servicePort}`,
        `host     ${route.host}`,
        `path     ${route.path}`,
        ...(route.gateways ? [`gateways ${route.gateways.join(', ')}`] : []),
        `address  ${route.address ?? '(none yet)'}`,
        ...(route.url ? [`url      ${route.url}`] : []),
      ];
    }
    case 'findings':
      return [`${target.findings.length} problems of Ingresses and HTTPRoutes`];
    case 'finding':
      return diagnosisLines(target.finding, '');
  }
}
