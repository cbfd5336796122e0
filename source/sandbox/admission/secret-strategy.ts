import type { Json } from '../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import type { KindStrategy } from './kind-strategy.ts';
import { validateDataKeys } from './pod-spec.ts';

/**
 * Secrets: `type` defaults to Opaque, `stringData` is folded into `data` (base64) on every
 * write, TLS and service-account-token secrets need their keys, type and immutable data stay
 * put.
 */
export const secretStrategy: KindStrategy = {
  applyDefaults(secret) {
    if (!secret.type) secret.type = 'Opaque';
    const stringData: unknown = secret.stringData;
    if (stringData && typeof stringData === 'object') {
      const data: Json = { ...(secret.data ?? {}) };
      for (const [key, value] of Object.entries(stringData))
        data[key] = Buffer.from(String(value), 'utf8').toString('base64');
      secret.data = data;
    }
    delete secret.stringData;
  },

  validate(secret, old) {
    const data: Json = secret.data ?? {};
    const errors = old ? immutability(secret, old, 'data', 'type') : [];
    errors.push(...validateDataKeys(data, 'data'));
    switch (secret.type) {
      case 'kubernetes.io/tls':
        for (const key of ['tls.crt', 'tls.key'])
          if (!Object.hasOwn(data, key)) errors.push(fieldErrors.required(`data[${key}]`));
        break;
      case 'kubernetes.io/service-account-token': {
        const key = 'kubernetes.io/service-account.name';
        if (!secret.metadata.annotations?.[key])
          errors.push(fieldErrors.required(`metadata.annotations[${key}]`));
        break;
      }
      case 'kubernetes.io/basic-auth':
        if (!Object.hasOwn(data, 'username') && !Object.hasOwn(data, 'password'))
          errors.push(
            fieldErrors.required('data[username]', ''),
            fieldErrors.required('data[password]', ''),
          );
        break;
    }
    return errors;
  },
};

/** ConfigMaps: valid keys, no key in both `data` and `binaryData`, immutable when marked so. */
export const configMapStrategy: KindStrategy = {
  validate(configMap, old) {
    const errors = [
      ...(old ? immutability(configMap, old, 'data') : []),
      ...validateDataKeys(configMap.data, 'data'),
      ...validateDataKeys(configMap.binaryData, 'binaryData'),
    ];
    for (const key of Object.keys(configMap.binaryData ?? {})) {
      if (Object.hasOwn(configMap.data ?? {}, key))
        errors.push(
          fieldErrors.invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'),
        );
    }
    return errors;
  },
};

/** Secrets and ConfigMaps marked `immutable: true` keep their data, and stay immutable. */
function immutability(
  object: Json,
  old: Json,
  dataField: 'data',
  typeField?: 'type',
): FieldError[] {
  const errors: FieldError[] = [];
  if (typeField && object[typeField] !== old[typeField])
    errors.push(fieldErrors.invalid(typeField, object[typeField], 'field is immutable'));
  if (old.immutable === true) {
    if (object.immutable !== true)
      errors.push(fieldErrors.forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (JSON.stringify(object[dataField] ?? {}) !== JSON.stringify(old[dataField] ?? {}))
      errors.push(fieldErrors.forbidden(dataField, 'field is immutable when `immutable` is set'));
    if (
      JSON.stringify(object.binaryData ?? {}) !== JSON.stringify(old.binaryData ?? {}) &&
      object.kind === 'ConfigMap'
    )
      errors.push(
        fieldErrors.forbidden('binaryData', 'field is immutable when `immutable` is set'),
      );
  }
  return errors;
}
