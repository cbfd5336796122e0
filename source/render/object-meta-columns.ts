import { column } from './table-column.ts';

/** ObjectMeta's documentation, which the server uses to describe the Name and Age columns. */
export const nameDescription =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export const creationTimestampDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export const nameColumn = column('Name', nameDescription, { format: 'name' });
export const ageColumn = column('Age', creationTimestampDescription);

/** What the API server prints in a few columns when a value is absent. */
export const none = '<none>';
export const unknown = '<unknown>';
export const unset = '<unset>';
