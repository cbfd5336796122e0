import type { ServerResponse } from 'node:http';
import type { ResourceDefinition } from '../resources/resource-definition.ts';
import type { ObjectStore, StoreEvent } from '../store/object-store.ts';
import type { KubeObject } from './kube-object.ts';
import type { ResourceRoute } from './route.ts';
import { buildMatcher } from './selectors.ts';
import { badRequest } from './status.ts';
import { tableRequest, toTable } from './table-response.ts';

/**
 * Open watch streams: one JSON event per line, resumed from a resourceVersion when asked.
 * Kept in a registry so the sandbox can end them all when it stops.
 */
export class WatchRegistry {
  private readonly open_ = new Set<ServerResponse>();

  constructor(private readonly store: ObjectStore) {}

  get size(): number {
    return this.open_.size;
  }

  open(
    def: ResourceDefinition,
    route: ResourceRoute,
    query: URLSearchParams,
    accept: string,
    response: ServerResponse,
  ): void {
    const fieldSelector = [
      query.get('fieldSelector'),
      route.name ? `metadata.name=${route.name}` : null,
    ]
      .filter(Boolean)
      .join(',');
    const matches = buildMatcher(query.get('labelSelector'), fieldSelector || null);
    const inScope = (object: KubeObject) =>
      (!route.namespace || object.metadata.namespace === route.namespace) && matches(object);
    const table = tableRequest(accept, query);
    // Like the real server, only the first Table event carries the column definitions.
    let headersSent = false;
    const encode = (type: string, object: KubeObject) => {
      const body = table
        ? toTable(
            def,
            [object],
            table,
            { resourceVersion: object.metadata.resourceVersion! },
            { noHeaders: headersSent },
          )
        : object;
      headersSent = true;
      return `${JSON.stringify({ type, object: body })}\n`;
    };

    const sentVersion = query.get('resourceVersion');
    const backlog: string[] = [];
    if (!sentVersion || sentVersion === '0') {
      // "Start at most recent": synthetic ADDED events for what exists now.
      for (const object of this.store.scan(def.id, route.namespace))
        if (inScope(object)) backlog.push(encode('ADDED', object));
    } else {
      const from = Number(sentVersion);
      if (!Number.isInteger(from) || from < 0)
        throw badRequest(`invalid resource version: ${sentVersion}`);
      for (const event of this.store.eventsSince(def.id, from))
        if (inScope(event.object)) backlog.push(encode(event.type, event.object));
    }

    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    response.flushHeaders();
    for (const line of backlog) response.write(line);

    const unsubscribe = this.store.subscribe((event: StoreEvent) => {
      if (event.resource === def.id && inScope(event.object))
        response.write(encode(event.type, event.object));
    });
    const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);
    const timer =
      timeoutSeconds > 0 ? setTimeout(() => response.end(), timeoutSeconds * 1000) : undefined;
    this.open_.add(response);
    response.on('close', () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      this.open_.delete(response);
    });
  }

  closeAll(): void {
    for (const response of this.open_) response.end();
  }
}
