import { resourceCatalog } from '../resources/catalog.ts';
import { groupVersion, type ResourceDefinition } from '../resources/resource-definition.ts';

/** The Kubernetes version the sandbox reports; see `/version`. */
export const servedKubernetesVersion = { major: '1', minor: '36', patch: '0' };

export function versionInfo(): Record<string, string> {
  const { major, minor, patch } = servedKubernetesVersion;
  return {
    major,
    minor,
    emulationMajor: major,
    emulationMinor: minor,
    gitVersion: `v${major}.${minor}.${patch}`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-08-20T00:00:00Z',
    goVersion: 'go1.26.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `/api`: the legacy core group's versions. */
export function coreApiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function namedGroups(): Map<string, string> {
  const groups = new Map<string, string>();
  for (const def of resourceCatalog) if (def.group) groups.set(def.group, def.version);
  return groups;
}

function groupEntry(name: string, version: string): Record<string, unknown> {
  const gv = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [gv], preferredVersion: gv };
}

/** `/apis`: every named group. */
export function apiGroupList(): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...namedGroups()].map(([name, version]) => groupEntry(name, version)),
  };
}

/** `/apis/<group>`, or undefined for a group the sandbox does not serve. */
export function apiGroup(name: string): Record<string, unknown> | undefined {
  const version = namedGroups().get(name);
  return version ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(name, version) } : undefined;
}

function resourceEntries(def: ResourceDefinition): Record<string, unknown>[] {
  const main = {
    name: def.plural,
    singularName: def.singular,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: def.verbs,
    ...(def.shortNames.length ? { shortNames: def.shortNames } : {}),
    ...(def.categories.length ? { categories: def.categories } : {}),
  };
  const subresources = def.subresources.map((sub) => {
    if (sub === 'scale') {
      return {
        name: `${def.plural}/scale`,
        singularName: '',
        namespaced: def.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      };
    }
    if (sub === 'exec')
      return {
        name: `${def.plural}/exec`,
        singularName: '',
        namespaced: true,
        kind: 'PodExecOptions',
        verbs: ['create', 'get'],
      };
    if (sub === 'log')
      return {
        name: `${def.plural}/log`,
        singularName: '',
        namespaced: true,
        kind: 'Pod',
        verbs: ['get'],
      };
    return {
      name: `${def.plural}/${sub}`,
      singularName: '',
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: ['get', 'patch', 'update'],
    };
  });
  return [main, ...subresources];
}

/** `/api/v1` or `/apis/<group>/<version>`: the resources one group version serves. */
export function apiResourceList(
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const defs = resourceCatalog.filter((def) => def.group === group && def.version === version);
  if (defs.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group, version }),
    resources: defs.flatMap(resourceEntries),
  };
}
