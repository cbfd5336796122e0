/**
 * `/openapi/v3` and its per-group documents, enough for kubectl to trust the server with
 * field validation (it then sends `fieldValidation=Strict`). Undefined means 404.
 */
export function openApiDocument(
  _path: string,
  _query: URLSearchParams,
): Record<string, unknown> | undefined {
  return undefined;
}
