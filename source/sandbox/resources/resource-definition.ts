/** What the sandbox serves about one kind: its names, scope and subresources. Behaviour
 *  (defaults, validation, allocation, tables) lives with the kind elsewhere, keyed by `id`. */
export interface ResourceDefinition {
  /** `group/plural`, `/services` for core: the key every registry and the store use. */
  id: string;
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: string[];
  /** Verbs advertised in discovery. */
  verbs: string[];
}

export function groupVersion(def: Pick<ResourceDefinition, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}
