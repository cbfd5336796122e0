import { ApiException, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { Json, KubeObject } from '../sandbox/api/kube-object.ts';
import { abortableSleep } from './abortable-sleep.ts';
import {
  type Applied,
  type Cancellable,
  type Cluster,
  ClusterApiError,
  fieldManager,
  type ListQuery,
  managedByLabel,
  managedByValue,
  type ObjectRef,
  type WaitOptions,
} from './cluster.ts';
import { KubeRequests } from './kube-requests.ts';
import {
  type Reading,
  readCondition,
  type WaitCondition,
  type WaitResult,
} from './wait-conditions.ts';

const pollIntervalMs = 100;
const cleanupTimeoutMs = 120_000;

/** The Cluster interface over client-node: the same code for the sandbox, kind and contexts. */
export class KubeCluster implements Cluster {
  private readonly requests: KubeRequests;

  constructor(kubeConfig: KubeConfig) {
    this.requests = KubeRequests.forConfig(kubeConfig);
  }

  async apply(object: Json, options: Cancellable & { namespace?: string }): Promise<Applied> {
    const body = labelled(structuredClone(object));
    const namespaced = await this.isNamespaced(body.apiVersion, body.kind);
    if (namespaced && options.namespace) body.metadata.namespace = options.namespace;
    if (!namespaced) delete body.metadata.namespace;
    const path = await this.path(body, 'patch');
    const response = await this.call('PATCH', path, {
      body,
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager, force: 'true', fieldValidation: 'Strict' },
      signal: options.signal,
    });
    return { object: response.body as KubeObject, warnings: response.warnings };
  }

  async get(ref: ObjectRef, options: Cancellable = {}): Promise<KubeObject | undefined> {
    try {
      const path = await this.path(specOf(ref), 'read');
      return (await this.call('GET', path, { signal: options.signal })).body as KubeObject;
    } catch (error) {
      if (error instanceof ClusterApiError && error.code === 404) return undefined;
      throw error;
    }
  }

  async list(query: ListQuery, options: Cancellable = {}): Promise<KubeObject[]> {
    const spec = {
      apiVersion: query.apiVersion,
      kind: query.kind,
      metadata: query.namespace ? { namespace: query.namespace } : {},
    };
    const path = await this.path(spec, 'list');
    const params: Record<string, string> = {};
    if (query.labelSelector) params.labelSelector = query.labelSelector;
    if (query.fieldSelector) params.fieldSelector = query.fieldSelector;
    const { body } = await this.call('GET', path, { query: params, signal: options.signal });
    const items = ((body as Json).items ?? []) as KubeObject[];
    // A List's items carry no apiVersion/kind on the wire; fill them for the renderers.
    return items.map((item) => ({ ...item, apiVersion: query.apiVersion, kind: query.kind }));
  }

  async delete(ref: ObjectRef, options: Cancellable = {}): Promise<boolean> {
    try {
      const path = await this.path(specOf(ref), 'delete');
      await this.call('DELETE', path, {
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
        signal: options.signal,
      });
      return true;
    } catch (error) {
      if (error instanceof ClusterApiError && error.code === 404) return false;
      throw error;
    }
  }

  async patch(ref: ObjectRef, patch: Json, options: Cancellable = {}): Promise<KubeObject> {
    const path = await this.path(specOf(ref), 'patch');
    const response = await this.call('PATCH', path, {
      body: patch,
      contentType: 'application/merge-patch+json',
      query: { fieldManager },
      signal: options.signal,
    });
    return response.body as KubeObject;
  }

  async ensureNamespace(name: string, options: Cancellable = {}): Promise<void> {
    const ref = { apiVersion: 'v1', kind: 'Namespace', name };
    const existing = await this.get(ref, options);
    if (existing && existing.metadata.labels?.[managedByLabel] !== managedByValue) {
      throw new Error(
        `namespace "${name}" already exists and was not created by k8s-expose-tutor, so the tutor will not use it`,
      );
    }
    if (existing?.metadata.deletionTimestamp) {
      const gone = await this.waitFor(
        { type: 'gone', ref },
        { timeoutMs: cleanupTimeoutMs, signal: options.signal },
      );
      if (!gone.met && !gone.cancelled)
        throw new Error(`namespace "${name}" from an earlier run is still terminating`);
    }
    options.signal?.throwIfAborted();
    await this.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, options);
  }

  async waitFor(condition: WaitCondition, options: WaitOptions): Promise<WaitResult> {
    const started = Date.now();
    const reader = {
      list: (query: ListQuery) => this.list(query, options),
      get: (ref: ObjectRef) => this.get(ref, options),
    };
    let lastDetail = '';
    for (;;) {
      if (options.signal?.aborted)
        return {
          met: false,
          detail: lastDetail || 'cancelled',
          elapsedMs: Date.now() - started,
          cancelled: true,
        };
      let reading: Reading;
      try {
        reading = await readCondition(condition, reader);
      } catch (error) {
        if (options.signal?.aborted) continue;
        throw error;
      }
      if (reading.detail !== lastDetail) {
        lastDetail = reading.detail;
        options.onProgress?.(reading.detail);
      }
      const elapsedMs = Date.now() - started;
      if (reading.met)
        return {
          met: true,
          detail: reading.detail,
          ...(reading.value !== undefined ? { value: reading.value } : {}),
          elapsedMs,
        };
      if (elapsedMs >= options.timeoutMs) return { met: false, detail: reading.detail, elapsedMs };
      await abortableSleep(Math.min(pollIntervalMs, options.timeoutMs - elapsedMs), options.signal);
    }
  }

  async cleanup(
    namespace: string,
    options: Cancellable & { clusterScoped?: { apiVersion: string; kind: string }[] } = {},
  ): Promise<void> {
    const doomed: ObjectRef[] = [];
    const namespaceRef = { apiVersion: 'v1', kind: 'Namespace', name: namespace };
    const existing = await this.get(namespaceRef, options);
    if (existing?.metadata.labels?.[managedByLabel] === managedByValue) doomed.push(namespaceRef);
    for (const kind of options.clusterScoped ?? []) {
      const objects = await this.list(
        { ...kind, labelSelector: `${managedByLabel}=${managedByValue}` },
        options,
      );
      for (const object of objects)
        doomed.push({ apiVersion: kind.apiVersion, kind: kind.kind, name: object.metadata.name! });
    }
    for (const ref of doomed) await this.delete(ref, options);
    for (const ref of doomed) {
      const gone = await this.waitFor(
        { type: 'gone', ref },
        { timeoutMs: cleanupTimeoutMs, signal: options.signal },
      );
      if (!gone.met && !gone.cancelled)
        throw new Error(`${ref.kind.toLowerCase()}/${ref.name} was not deleted in time`);
    }
  }

  private async isNamespaced(apiVersion: string, kind: string): Promise<boolean> {
    // Discovery (cached by client-node) knows the scope: a path without a namespace segment.
    const path = await this.path({ apiVersion, kind, metadata: { namespace: 'x' } }, 'list');
    return path.includes('/namespaces/x/');
  }

  private async path(
    spec: Json,
    action: 'create' | 'read' | 'patch' | 'delete' | 'list',
  ): Promise<string> {
    try {
      return await this.requests.pathOf(spec as KubernetesObject, action);
    } catch (error) {
      // Discovery has no such group/version (404) or no such kind in it.
      const missing =
        (error instanceof ApiException && error.code === 404) ||
        (error instanceof Error && error.message.startsWith('Unrecognized API version and kind'));
      if (missing)
        throw new ClusterApiError(
          404,
          'NoKindMatch',
          `no matches for kind "${spec.kind}" in version "${spec.apiVersion}"`,
        );
      throw asClusterError(error);
    }
  }

  private async call(...args: Parameters<KubeRequests['send']>) {
    try {
      return await this.requests.send(...args);
    } catch (error) {
      throw asClusterError(error);
    }
  }
}

function specOf(ref: ObjectRef): Json {
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
  };
}

function labelled(object: Json): Json {
  object.metadata ??= {};
  object.metadata.labels = { ...object.metadata.labels, [managedByLabel]: managedByValue };
  return object;
}

/** client-node's ApiException carries the Status as raw text. */
function asClusterError(error: unknown): unknown {
  if (error instanceof ApiException) {
    let status: Json | undefined;
    try {
      status = typeof error.body === 'string' ? JSON.parse(error.body) : undefined;
    } catch {
      status = undefined;
    }
    const message = status?.message ?? (error.code === 401 ? 'Unauthorized' : `HTTP ${error.code}`);
    return new ClusterApiError(error.code, status?.reason ?? 'Unknown', message, status);
  }
  return error;
}
