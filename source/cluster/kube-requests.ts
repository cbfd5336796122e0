import {
  ApiException,
  type Configuration,
  type KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  type RequestContext,
} from '@kubernetes/client-node';

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface KubeRequest {
  query?: Record<string, string>;
  /** Sent as JSON text, exactly as given (no typed re-serialization that drops unknown fields). */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

export interface KubeResponse {
  /** The parsed JSON body, as the server sent it (dates stay strings). */
  body: unknown;
  /** `Warning` headers, as kubectl prints them after `Warning: `. */
  warnings: string[];
}

/**
 * Raw requests over client-node's own machinery (kubeconfig auth, TLS, discovery of resource
 * paths). Its typed helpers are avoided on purpose: they deserialize into model classes (dates
 * become Date objects, fields newer than the models vanish) and serialize request bodies the
 * same way, which would silently drop a misspelt field instead of letting the server refuse it.
 */
export class KubeRequests extends KubernetesObjectApi {
  static forConfig(kc: KubeConfig): KubeRequests {
    const api = kc.makeApiClient(KubeRequests);
    api.setDefaultNamespace(kc);
    return api;
  }

  /** The REST path of an object (`action` 'list' or 'create' leaves the name off). */
  pathOf(
    spec: KubernetesObject,
    action: 'create' | 'read' | 'patch' | 'delete' | 'list',
  ): Promise<string> {
    return this.specUriPath(structuredClone(spec), action);
  }

  async send(method: HttpVerb, path: string, request: KubeRequest = {}): Promise<KubeResponse> {
    request.signal?.throwIfAborted();
    const context = this.configuration.baseServer.makeRequestContext(path, method);
    context.setHeaderParam('Accept', 'application/json');
    for (const [name, value] of Object.entries(request.query ?? {}))
      context.setQueryParam(name, value);
    if (request.body !== undefined) {
      context.setHeaderParam('Content-Type', request.contentType ?? 'application/json');
      context.setBody(JSON.stringify(request.body));
    }
    if (request.signal) context.setSignal(request.signal);
    // The same order as client-node's own requests: the bearer token, then the kubeconfig's auth.
    await this.configuration.authMethods.BearerToken?.applySecurityAuthentication(context);
    await this.configuration.authMethods.default?.applySecurityAuthentication(context);
    let prepared: RequestContext = context;
    for (const middleware of this.configuration.middleware)
      prepared = await middleware.pre(prepared).toPromise();
    try {
      let response = await this.configuration.httpApi.send(prepared).toPromise();
      for (const middleware of this.configuration.middleware)
        response = await middleware.post(response).toPromise();
      const text = await response.body.text();
      const warnings = warningsOf(response.headers.warning);
      if (response.httpStatusCode < 200 || response.httpStatusCode > 299)
        throw new ApiException(
          response.httpStatusCode,
          'Unsuccessful HTTP Request',
          text,
          response.headers,
        );
      return { body: text ? JSON.parse(text) : undefined, warnings };
    } finally {
      closeDispatcher(prepared);
    }
  }

  /** client-node's own requests (discovery) get the same treatment as ours. */
  protected override async requestPromise<T extends KubernetesObject>(
    requestContext: RequestContext,
    type?: string,
    options?: Configuration,
  ): Promise<T> {
    try {
      return await super.requestPromise<T>(requestContext, type, options);
    } finally {
      closeDispatcher(requestContext);
    }
  }
}

/**
 * client-node makes a keep-alive dispatcher for every request; close it once the response is
 * read, or its idle connection outlives the request (and a cancelled lesson would leave
 * sockets open).
 */
function closeDispatcher(context: RequestContext): void {
  const dispatcher = context.getDispatcher() as { close?: () => Promise<void> } | undefined;
  void dispatcher?.close?.().catch(() => {});
}

/** `299 - "text"` → `text`; several warnings arrive comma-joined in one header. */
export function warningsOf(header: string | undefined): string[] {
  if (!header) return [];
  const warnings: string[] = [];
  const pattern = /\d{3} \S+ "((?:[^"\\]|\\.)*)"/g;
  for (const match of header.matchAll(pattern)) warnings.push(match[1]!.replace(/\\(.)/g, '$1'));
  return warnings;
}
