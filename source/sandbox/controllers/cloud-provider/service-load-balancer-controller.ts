import type { Json, KubeObject } from '../../api/kube-object.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { ControllerContext } from '../controller.ts';
import { createEventRecorder } from '../event-recorder.ts';
import { keyOf, retryingQueue, splitKey } from '../retrying-queue.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import type { AddressPool } from './address-pool.ts';
import { proxyStartMs } from './proxy-startups.ts';

const servicesId = '/services';
export const loadBalancerCleanupFinalizer = 'service.kubernetes.io/load-balancer-cleanup';

type Service = Readonly<KubeObject>;

/**
 * The cloud service controller cloud-provider-kind runs (k8s.io/cloud-provider's), with
 * cloud-provider-kind's load balancers: a LoadBalancer Service without a loadBalancerClass
 * gets the cleanup finalizer, then an address from the kind network published as
 * `status.loadBalancer.ingress` with `ipMode: Proxy`; the address is freed when the Service
 * stops wanting one or is deleted. Events come from `service-controller`.
 */
export function startServiceLoadBalancerController(
  ctx: ControllerContext,
  pool: AddressPool,
): () => void {
  const services = resourceById(servicesId);
  const store = ctx.store;
  const recorder = createEventRecorder(ctx.ops, { component: 'service-controller' });
  /** The last version of each Service seen, to tell what an update changed. */
  const known = new Map<string, Service>();
  /** Services whose load balancer is being created, and whether another sync is due after. */
  const ensuring = new Map<string, { again: boolean }>();
  /**
   * Events about changes noticed while watching, written at the next sync rather than from
   * inside the store's notification (a write there would reach other watchers out of order).
   */
  const noticed = new Map<string, { object: Service; reason: string; message: string }[]>();

  const sync = (key: string) => {
    for (const { object, reason, message } of noticed.get(key) ?? []) {
      recorder.normal(object, reason, message);
    }
    noticed.delete(key);
    const { namespace, name } = splitKey(key);
    const service = store.peek(servicesId, namespace, name);
    if (!service) {
      pool.release(key);
      return;
    }
    const inFlight = ensuring.get(key);
    if (inFlight) {
      inFlight.again = true;
      return;
    }
    if (!wantsLoadBalancer(service) || needsCleanup(service)) {
      if (pool.addressOf(key)) {
        recorder.normal(service, 'DeletingLoadBalancer', 'Deleting load balancer');
        pool.release(key);
      }
      const remaining = withoutFinalizer(service);
      if (remaining !== service) ctx.ops.update(services, remaining);
      const after = store.peek(servicesId, namespace, name);
      recorder.normal(after ?? service, 'DeletedLoadBalancer', 'Deleted load balancer');
      if (after && !semanticallyEqual(after.status?.loadBalancer, {})) {
        ctx.ops.update(
          services,
          { ...after, status: { ...after.status, loadBalancer: {} } },
          { subresource: 'status' },
        );
      }
      return;
    }
    recorder.normal(service, 'EnsuringLoadBalancer', 'Ensuring load balancer');
    const withFinalizer = addFinalizer(service);
    if (withFinalizer !== service) ctx.ops.update(services, withFinalizer);
    ensuring.set(key, { again: false });
    // The Service's load-balancer container takes as long to start as any other of its Envoys.
    ctx.after(proxyStartMs, () => {
      const state = ensuring.get(key);
      ensuring.delete(key);
      try {
        finishEnsuring(key);
      } finally {
        if (state?.again) queue.add(key);
      }
    });
  };

  /** The load balancer is up: publish its address, unless the Service changed its mind. */
  const finishEnsuring = (key: string) => {
    const { namespace, name } = splitKey(key);
    const service = store.peek(servicesId, namespace, name);
    if (!service || !wantsLoadBalancer(service) || needsCleanup(service)) return;
    const published = service.status?.loadBalancer?.ingress?.[0]?.ip;
    const address = pool.allocate(key, service.spec?.loadBalancerIP || published);
    if (!address) {
      recorder.warning(
        service,
        'SyncLoadBalancerFailed',
        'Error syncing load balancer: failed to ensure load balancer: no free address left in the kind network range',
      );
      return;
    }
    const loadBalancer = {
      ingress: [
        {
          ip: address,
          ipMode: 'Proxy',
          ports: ((service.spec?.ports ?? []) as Json[]).map((port) => ({
            port: port.port,
            protocol: port.protocol ?? 'TCP',
          })),
        },
      ],
    };
    if (!semanticallyEqual(service.status?.loadBalancer, loadBalancer)) {
      ctx.ops.update(
        services,
        { ...service, status: { ...service.status, loadBalancer } },
        { subresource: 'status' },
      );
    }
    recorder.normal(service, 'EnsuredLoadBalancer', 'Ensured load balancer');
  };

  const queue = retryingQueue(ctx, sync);
  const unsubscribe = store.subscribe((event) => {
    if (event.resource !== servicesId) return;
    const key = keyOf(event.object);
    const previous = known.get(key);
    if (event.type === 'DELETED') {
      known.delete(key);
      queue.add(key);
      return;
    }
    const current = event.object;
    known.set(key, current);
    const note = (reason: string, message: string) => {
      noticed.set(key, [...(noticed.get(key) ?? []), { object: current, reason, message }]);
    };
    const relevant = previous ? needsUpdate(previous, current, note) : wantsLoadBalancer(current);
    if (relevant || needsCleanup(current)) queue.add(key);
  });
  for (const service of store.scan(servicesId)) {
    known.set(keyOf(service), service);
    if (wantsLoadBalancer(service) || needsCleanup(service)) queue.add(keyOf(service));
  }
  return () => {
    unsubscribe();
    queue.stop();
  };
}

/** A Service with a loadBalancerClass asks for another implementation's load balancer. */
export function wantsLoadBalancer(service: Service): boolean {
  return service.spec?.type === 'LoadBalancer' && service.spec?.loadBalancerClass == null;
}

function hasFinalizer(service: Service): boolean {
  return (service.metadata.finalizers ?? []).includes(loadBalancerCleanupFinalizer);
}

/** The finalizer is there but the Service is going away, or no longer a LoadBalancer. */
function needsCleanup(service: Service): boolean {
  if (!hasFinalizer(service)) return false;
  return Boolean(service.metadata.deletionTimestamp) || service.spec?.type !== 'LoadBalancer';
}

function addFinalizer(service: Service): Service {
  if (hasFinalizer(service)) return service;
  const finalizers = [...(service.metadata.finalizers ?? []), loadBalancerCleanupFinalizer];
  return { ...service, metadata: { ...service.metadata, finalizers } };
}

function withoutFinalizer(service: Service): Service {
  if (!hasFinalizer(service)) return service;
  const finalizers = (service.metadata.finalizers ?? []).filter(
    (finalizer) => finalizer !== loadBalancerCleanupFinalizer,
  );
  const { finalizers: _all, ...rest } = service.metadata;
  return { ...service, metadata: finalizers.length > 0 ? { ...rest, finalizers } : rest };
}

/**
 * Whether an update concerns the load balancer, noting the events the service controller
 * records for the changes it notices (`Type`, `LoadbalancerIP`, `ExternalTrafficPolicy`, …).
 */
function needsUpdate(
  before: Service,
  after: Service,
  note: (reason: string, message: string) => void,
): boolean {
  const wantedBefore = wantsLoadBalancer(before);
  const wantedAfter = wantsLoadBalancer(after);
  if (!wantedBefore && !wantedAfter) return false;
  const old = before.spec ?? {};
  const now = after.spec ?? {};
  if (wantedBefore !== wantedAfter) {
    note('Type', `${old.type} -> ${now.type}`);
    return true;
  }
  if (!semanticallyEqual(old.loadBalancerSourceRanges, now.loadBalancerSourceRanges)) {
    note(
      'LoadBalancerSourceRanges',
      `${goList(old.loadBalancerSourceRanges)} -> ${goList(now.loadBalancerSourceRanges)}`,
    );
    return true;
  }
  if (!portsEqual(old.ports, now.ports) || old.sessionAffinity !== now.sessionAffinity) return true;
  if (!semanticallyEqual(old.sessionAffinityConfig, now.sessionAffinityConfig)) return true;
  if ((old.loadBalancerIP ?? '') !== (now.loadBalancerIP ?? '')) {
    note('LoadbalancerIP', `${old.loadBalancerIP ?? ''} -> ${now.loadBalancerIP ?? ''}`);
    return true;
  }
  const oldExternal: string[] = old.externalIPs ?? [];
  const newExternal: string[] = now.externalIPs ?? [];
  if (oldExternal.length !== newExternal.length) {
    note('ExternalIP', `Count: ${oldExternal.length} -> ${newExternal.length}`);
    return true;
  }
  const changed = newExternal.find((ip, i) => ip !== oldExternal[i]);
  if (changed !== undefined) {
    note('ExternalIP', `Added: ${changed}`);
    return true;
  }
  if (!semanticallyEqual(before.metadata.annotations, after.metadata.annotations)) return true;
  if (before.metadata.uid !== after.metadata.uid) {
    note('UID', `${before.metadata.uid} -> ${after.metadata.uid}`);
    return true;
  }
  if ((old.externalTrafficPolicy ?? '') !== (now.externalTrafficPolicy ?? '')) {
    note(
      'ExternalTrafficPolicy',
      `${old.externalTrafficPolicy ?? ''} -> ${now.externalTrafficPolicy ?? ''}`,
    );
    return true;
  }
  if ((old.healthCheckNodePort ?? 0) !== (now.healthCheckNodePort ?? 0)) {
    note(
      'HealthCheckNodePort',
      `${old.healthCheckNodePort ?? 0} -> ${now.healthCheckNodePort ?? 0}`,
    );
    return true;
  }
  return false;
}

function portsEqual(before: Json[] | undefined, after: Json[] | undefined): boolean {
  const key = (port: Json) =>
    JSON.stringify([
      port.name ?? '',
      port.protocol,
      port.port,
      port.nodePort ?? 0,
      port.targetPort,
    ]);
  const left = (before ?? []).map(key);
  const right = (after ?? []).map(key);
  return left.length === right.length && left.every((value, i) => value === right[i]);
}

/** How Go's %v prints a string slice: `[a b]`. */
function goList(list: string[] | undefined): string {
  return `[${(list ?? []).join(' ')}]`;
}
