import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../source/inspect/build-report.ts';
import type { ClusterSnapshot } from '../../source/inspect/collect-objects.ts';
import type { InspectReport } from '../../source/inspect/inspect-report.ts';
import { InspectApp } from '../../source/inspect/view/inspect-app.tsx';
import { LiveReport } from '../../source/inspect/view/live-report.ts';
import type { KubeObject } from '../../source/sandbox/api/kube-object.ts';
import { ThemeContext } from '../../source/tui/hooks/theme-context.ts';
import { createTheme } from '../../source/tui/theme.ts';
import { keys, type RenderedTui, renderTui } from '../tui/support/render-tui.tsx';

const meta = (name: string, namespace = 'shop', extra = {}) => ({ name, namespace, ...extra });

function reportWith(extraServices: KubeObject[] = []): InspectReport {
  const snapshot: ClusterSnapshot = {
    services: [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('web'),
        spec: {
          selector: { app: 'web' },
          clusterIPs: ['10.96.0.20'],
          ports: [{ port: 80, targetPort: 8080 }],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('broken'),
        spec: { selector: { app: 'typo' }, clusterIPs: ['10.96.0.21'], ports: [{ port: 80 }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('kubernetes', 'default'),
        spec: {
          clusterIPs: ['10.96.0.1'],
          ports: [{ name: 'https', port: 443, targetPort: 6443 }],
        },
      },
      ...extraServices,
    ],
    endpointSlices: [
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: meta('web-x', 'shop', { labels: { 'kubernetes.io/service-name': 'web' } }),
        ports: [{ port: 8080, protocol: 'TCP' }],
        endpoints: [
          {
            addresses: ['10.244.1.7'],
            conditions: { ready: true },
            nodeName: 'expose-tutor-worker',
            targetRef: { kind: 'Pod', name: 'web-5d8f9c-abcde' },
          },
        ],
      },
    ],
    pods: [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: meta('web-5d8f9c-abcde', 'shop', { labels: { app: 'web' } }),
        spec: { nodeName: 'expose-tutor-worker', containers: [{ name: 'app' }] },
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      },
    ],
    nodes: [],
    ingresses: [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: meta('site'),
        spec: {
          ingressClassName: 'cloud-provider-kind',
          rules: [
            {
              host: 'shop.test',
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: 'web', port: { number: 80 } } },
                  },
                ],
              },
            },
            {
              host: 'old.test',
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: 'gone', port: { number: 80 } } },
                  },
                ],
              },
            },
          ],
        },
        status: { loadBalancer: { ingress: [{ ip: '172.18.0.101' }] } },
      },
    ],
    ingressClasses: [],
    gateways: [],
    httpRoutes: [],
    unseen: [],
  };
  return buildReport(snapshot, {
    context: 'kind-shop',
    server: 'https://127.0.0.1:6443',
    namespace: undefined,
  });
}

let tui: RenderedTui | undefined;
afterEach(() => {
  tui?.unmount();
  tui = undefined;
});

async function open(live: Pick<LiveReport, 'subscribe' | 'getSnapshot' | 'refresh'>) {
  tui = await renderTui(
    <ThemeContext.Provider value={createTheme({ NO_COLOR: '1' })}>
      <InspectApp live={live} width={100} height={24} />
    </ThemeContext.Provider>,
  );
  return tui;
}

/** The tree pane's text: the left 40 columns of each line. */
const treeOf = (frame: string) =>
  frame
    .split('\n')
    .map((line) => line.slice(0, 40).trimEnd())
    .join('\n');

describe('the inspect tree and details views', () => {
  it('shows namespaces and their Services with their health, and the namespace in the details', async () => {
    const view = await open(new LiveReport(async () => reportWith(), 60_000, reportWith()));
    const frame = await view.waitFor('Services');
    expect(frame).toContain('inspect kind-shop · all namespaces · 2 errors, 0 warnings, 0 notes');
    expect(treeOf(frame)).toContain('✓ ▸ default (1)');
    expect(treeOf(frame)).toContain('✓     kubernetes  ClusterIP');
    expect(treeOf(frame)).toContain('✗ ▸ shop (2)');
    expect(treeOf(frame)).toContain('✗     broken  ClusterIP');
    expect(treeOf(frame)).toContain('✓   ▸ web  ClusterIP');
    expect(treeOf(frame)).toContain('✗ ▸ other objects (1)');
    expect(frame).toContain('Namespace default');
    expect(frame).toContain('↑/k up  ↓/j down  enter open/close');
  });

  it('the details of a broken Service name the problem, its evidence and the fix', async () => {
    const view = await open(new LiveReport(async () => reportWith(), 60_000, reportWith()));
    await view.press('jjj'); // typed faster than a frame: default → kubernetes → shop → broken
    const frame = await view.waitFor('ERROR [selector-matches-no-pods]');
    expect(frame).toContain('shop/broken  ClusterIP  10.96.0.21  [1 error, 0 warnings]');
    expect(frame).toContain('evidence: spec.selector: app=typo');
    expect(frame).toContain('fix: Make spec.selector match');
  });

  it('opens a Service to its endpoints and routes, and shows the one selected', async () => {
    const view = await open(new LiveReport(async () => reportWith(), 60_000, reportWith()));
    for (let i = 0; i < 4; i++) await view.press(keys.down);
    await view.waitFor('shop/web  ClusterIP');
    await view.press(keys.enter);
    let frame = await view.waitFor('10.244.1.7 ready');
    expect(treeOf(frame)).toContain('        10.244.1.7 ready web-5d8f9c-abc…');
    expect(treeOf(frame)).toContain('        Ingress site shop.test/');
    await view.press(keys.down);
    frame = await view.waitFor('Endpoint 10.244.1.7 of Service shop/web');
    expect(frame).toContain('pod     web-5d8f9c-abcde');
    expect(frame).toContain('node    expose-tutor-worker');
    await view.press(keys.down);
    frame = await view.waitFor('Ingress shop/site → Service web port 80');
    expect(frame).toContain('url      http://shop.test/');
    // ← on a leaf goes to its Service, a second ← closes it.
    await view.press(keys.left);
    await view.press(keys.left);
    frame = await view.waitFor((text) => !text.includes('10.244.1.7 ready'));
    expect(treeOf(frame)).toContain('✓   ▸ web  ClusterIP');
  });

  it('lists other objects’ findings with their details', async () => {
    const view = await open(new LiveReport(async () => reportWith(), 60_000, reportWith()));
    for (let i = 0; i < 6; i++) await view.press(keys.down);
    const frame = await view.waitFor('ERROR [route-to-missing-service]');
    expect(treeOf(frame)).toContain('✗     Ingress site: route-to-missing-se…');
    expect(frame).toContain('evidence: no Service "gone" in namespace "shop"');
  });

  it('refreshes live on r, keeping the selection', async () => {
    let calls = 0;
    const added: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('api'),
      spec: { type: 'ExternalName', externalName: 'api.example.com' },
    };
    const live = new LiveReport(
      async () => {
        calls++;
        return reportWith([added]);
      },
      60_000,
      reportWith(),
    );
    const view = await open(live);
    for (let i = 0; i < 3; i++) await view.press(keys.down);
    await view.waitFor('shop/broken');
    await view.press('r');
    const frame = await view.waitFor('api  ExternalName');
    expect(calls).toBe(1);
    expect(treeOf(frame)).toContain('✗ ▸ shop (3)');
    // Still on broken, although a row was added above it.
    expect(frame).toContain('shop/broken  ClusterIP');
    live.stop();
  });
});
