/**
 * The field managers the real components write as (their User-Agent's program name), so
 * `metadata.managedFields` and `kubectl get -o yaml --show-managed-fields` name them.
 */
export const fieldManagers = {
  controllerManager: 'kube-controller-manager',
  kubelet: 'kubelet',
  scheduler: 'kube-scheduler',
} as const;

export const byControllerManager = { fieldManager: fieldManagers.controllerManager } as const;
