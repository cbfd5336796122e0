import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHarness, startHarness } from '../support/sandbox.ts';

/**
 * The errors and warnings of REFERENCE.md ("Errors, in the API server's words"), as the real
 * kubectl prints them against the sandbox.
 */

let harness: SandboxHarness;

beforeAll(async () => {
  harness = await startHarness({ controllers: false });
});
afterAll(async () => {
  await harness.stop();
});

function service(name: string, spec: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
${spec}`;
}

async function create(manifest: string, ...extra: string[]) {
  return harness.kubectl(['create', '-f', '-', ...extra], manifest);
}

describe('Service errors through kubectl', () => {
  it('refuses a node port outside 30000-32767', async () => {
    const result = await create(
      service('echo', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 80\n'),
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      'The Service "echo" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('refuses a node port another Service holds', async () => {
    const first = await create(
      service('holder', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n'),
    );
    expect(first.stdout).toBe('service/holder created');
    const second = await create(
      service('echo', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n'),
    );
    expect(second.stderr).toBe(
      'The Service "echo" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
  });

  it('refuses a cluster IP outside the service CIDR', async () => {
    const result = await create(
      service('echo', '  clusterIP: 123.123.123.123\n  ports:\n  - port: 80\n'),
    );
    expect(result.stderr).toBe(
      'The Service "echo" is invalid: spec.clusterIPs: Invalid value: ["123.123.123.123"]: failed to allocate IP 123.123.123.123: the provided IP (123.123.123.123) is not in the valid range. The range of valid IPs is 10.96.0.0/16',
    );
  });

  it('refuses a node port and externalTrafficPolicy on a ClusterIP Service', async () => {
    const nodePort = await create(service('echo', '  ports:\n  - port: 80\n    nodePort: 30081\n'));
    expect(nodePort.stderr).toBe(
      'The Service "echo" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'',
    );
    const policy = await create(
      service('echo', '  externalTrafficPolicy: Local\n  ports:\n  - port: 80\n'),
    );
    expect(policy.stderr).toBe(
      'The Service "echo" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    );
  });

  it('requires ports, names for several ports, and an externalName', async () => {
    const noPorts = await create(service('echo', '  selector:\n    app: echo\n'));
    expect(noPorts.stderr).toBe('The Service "echo" is invalid: spec.ports: Required value');
    const unnamed = await create(service('echo', '  ports:\n  - port: 80\n  - port: 443\n'));
    expect(unnamed.stderr).toBe(
      'The Service "echo" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value',
    );
    const external = await create(service('echo', '  type: ExternalName\n'));
    expect(external.stderr).toBe(
      'The Service "echo" is invalid: spec.externalName: Required value',
    );
  });

  it('creates a NodePort Service with the defaults and a port from the range', async () => {
    const created = await create(
      service(
        'web',
        '  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n',
      ),
    );
    expect(created.stdout).toBe('service/web created');
    const json = JSON.parse((await harness.kubectl(['get', 'svc', 'web', '-o', 'json'])).stdout);
    const nodePort: number = json.spec.ports[0].nodePort;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    expect(json.spec).toMatchObject({
      type: 'NodePort',
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort }],
    });
    expect(json.spec.clusterIPs).toEqual([json.spec.clusterIP]);
    expect(json.spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    const table = await harness.kubectl(['get', 'svc', 'web']);
    expect(table.stdout).toContain(`80:${nodePort}/TCP`);
  });

  it('does not consume a node port on --dry-run=server', async () => {
    const manifest = service(
      'trial',
      '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30099\n',
    );
    const dry = await create(manifest, '--dry-run=server', '-o', 'json');
    expect(JSON.parse(dry.stdout).spec.ports[0].nodePort).toBe(30099);
    const real = await create(
      service('keeper', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30099\n'),
    );
    expect(real.stdout).toBe('service/keeper created');
    const missing = await harness.kubectl(['get', 'svc', 'trial']);
    expect(missing.stderr).toBe('Error from server (NotFound): services "trial" not found');
  });

  it('frees the node port when the Service is deleted', async () => {
    await create(
      service('short', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30098\n'),
    );
    const deleted = await harness.kubectl(['delete', 'svc', 'short']);
    expect(deleted.stdout).toBe('service "short" deleted');
    const again = await create(
      service('long', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30098\n'),
    );
    expect(again.stdout).toBe('service/long created');
  });
});

describe('Ingress errors and warnings through kubectl', () => {
  const ingress = (name: string, extra: string, path: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
${extra}spec:
  rules:
  - http:
      paths:
      - path: /
${path}        backend:
          service:
            name: echo
            port:
              number: 80
`;

  it('requires pathType', async () => {
    const result = await create(ingress('web', '', ''));
    expect(result.stderr).toBe(
      'The Ingress "web" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    );
  });

  it('prints the deprecation warning for the class annotation', async () => {
    const result = await harness.kubectl(
      ['apply', '-f', '-'],
      ingress(
        'annotated',
        '  annotations:\n    kubernetes.io/ingress.class: nginx\n',
        '        pathType: Prefix\n',
      ),
    );
    expect(result.stdout).toBe('ingress.networking.k8s.io/annotated created');
    expect(result.stderr).toBe(
      `Warning: annotation "kubernetes.io/ingress.class" is deprecated, please use 'spec.ingressClassName' instead`,
    );
  });

  it('refuses a class annotation that disagrees with ingressClassName', async () => {
    const manifest = ingress(
      'both',
      '  annotations:\n    kubernetes.io/ingress.class: nginx\n',
      '        pathType: Prefix\n',
    ).replace('spec:\n', 'spec:\n  ingressClassName: cloud-provider-kind\n');
    const result = await create(manifest);
    expect(result.stderr).toBe(
      'The Ingress "both" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "nginx": must match `ingressClassName` when both are specified',
    );
  });

  it('gives a classless Ingress the default class', async () => {
    await create(ingress('plain', '', '        pathType: Prefix\n'));
    const className = await harness.kubectl([
      'get',
      'ingress',
      'plain',
      '-o',
      'jsonpath={.spec.ingressClassName}',
    ]);
    expect(className.stdout).toBe('cloud-provider-kind');
  });

  it('needs both keys in a TLS Secret', async () => {
    const result = await create(`apiVersion: v1
kind: Secret
metadata:
  name: shop-tls
type: kubernetes.io/tls
stringData:
  tls.crt: not-really-a-certificate
`);
    expect(result.stderr).toBe('The Secret "shop-tls" is invalid: data[tls.key]: Required value');
  });
});

describe('workload and namespace errors through kubectl', () => {
  it('refuses a Deployment whose selector misses its template', async () => {
    const result = await create(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: x
    spec:
      containers:
      - name: web
        image: registry.k8s.io/e2e-test-images/agnhost:2.66.1
`);
    expect(result.stderr).toBe(
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`',
    );
  });

  it('will not delete the default namespace', async () => {
    const result = await harness.kubectl(['delete', 'namespace', 'default']);
    expect(result.stderr).toBe(
      'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });

  it('refuses a Gateway without listeners', async () => {
    const result = await create(`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
spec:
  gatewayClassName: cloud-provider-kind
  listeners: []
`);
    expect(result.stderr).toBe(
      'The Gateway "web" is invalid: spec.listeners: Invalid value: 0: spec.listeners in body should have at least 1 items',
    );
  });
});
