import { createKindStrategies } from '../sandbox/admission/strategies.ts';
import type { KubeObject } from '../sandbox/api/kube-object.ts';
import { ResourceOps } from '../sandbox/api/resource-ops.ts';
import { ApiError } from '../sandbox/api/status.ts';
import { seedCluster } from '../sandbox/cluster/seed.ts';
import { resourceById, resourceForKind } from '../sandbox/resources/catalog.ts';
import { decodeObject } from '../sandbox/schema/decode-object.ts';
import { ObjectStore } from '../sandbox/store/object-store.ts';
import type { LessonProblem } from './lesson-types.ts';
import type { ManifestObject } from './manifest-file.ts';

/**
 * Checks objects the way the sandbox's API server would admit them — strict field decoding,
 * then defaults, admission and validation as a dry run — against a scratch store holding only
 * the seed objects and the lesson's namespace. No server, no controllers.
 */
export class OfflineAdmission {
  private readonly ops: ResourceOps;

  constructor(readonly namespace: string) {
    this.ops = new ResourceOps(new ObjectStore(), createKindStrategies());
    seedCluster(this.ops);
    if (!this.ops.store.peek('/namespaces', undefined, namespace)) {
      this.ops.create(resourceById('/namespaces'), {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace },
      });
    }
  }

  /** Problems with one object, each with the line of the field it is about. */
  check(manifest: ManifestObject, file: string): LessonProblem[] {
    const { object } = manifest;
    const problem = (line: number, message: string) => ({ file, line, message });
    const def = resourceForKind(object.apiVersion, object.kind);
    if (!def)
      return [
        problem(
          manifest.lineOf('kind'),
          `no matches for kind "${object.kind}" in version "${object.apiVersion}"`,
        ),
      ];
    const declared = object.metadata?.namespace;
    if (def.namespaced && declared !== undefined && declared !== this.namespace)
      return [
        problem(
          manifest.lineOf('metadata.namespace'),
          `the object is in namespace "${declared}", but the lesson's objects live in "${this.namespace}" (leave metadata.namespace out)`,
        ),
      ];
    try {
      const { object: decoded } = decodeObject(def, object as KubeObject, 'Strict');
      const placed: KubeObject = {
        ...decoded,
        metadata: { ...decoded.metadata, ...(def.namespaced ? { namespace: this.namespace } : {}) },
      };
      this.ops.create(def, placed, { dryRun: true });
      return [];
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 409) return [];
      const unknown = /unknown field "([^"]+)"/.exec(error.message);
      if (unknown) return [problem(manifest.lineOf(unknown[1]!), error.message)];
      const causes = error.details?.causes?.filter((cause) => cause.field) ?? [];
      if (error.code === 422 && causes.length > 0) {
        const prefix = error.message.slice(0, error.message.indexOf(' is invalid: ') + 13);
        return causes.map((cause) =>
          problem(manifest.lineOf(cause.field!), `${prefix}${cause.field}: ${cause.message}`),
        );
      }
      return [problem(manifest.line, error.message)];
    }
  }
}
