/**
 * The pod a reply names. agnhost's `/hostname` answers with the pod's hostname (its name,
 * unless the pod sets spec.hostname), so a probe of that path knows who answered; any other
 * reply names a pod only when its whole body is one of `knownPods`.
 */
export function answeringPod(
  url: string,
  status: number,
  body: string,
  knownPods: readonly string[] = [],
): string | undefined {
  if (status !== 200) return undefined;
  const text = body.trim();
  if (!text || /\s/.test(text)) return undefined;
  let path = '';
  try {
    path = new URL(/^[a-z]+:\/\//i.test(url) ? url : `http://${url}`).pathname;
  } catch {
    return undefined;
  }
  if (/\/host[nN]ame$/.test(path) && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(text)) return text;
  return knownPods.includes(text) ? text : undefined;
}
