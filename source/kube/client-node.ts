/**
 * The parts of @kubernetes/client-node the tutor uses. Lazy code imports THIS module, never
 * `import('@kubernetes/client-node')` itself: a dynamic import of the whole package keeps all
 * of its ~3 MB of generated API classes in the bundle, named re-exports let esbuild drop them.
 */
export {
  ApiException,
  Exec,
  KubeConfig,
  KubernetesObjectApi,
  Watch,
} from '@kubernetes/client-node';
