import type { ToolRunner } from './tool-runner.ts';

/** What the cluster commands and doctor touch outside themselves; tests replace PATH and ports. */
export interface KindIo {
  stdout: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  run: ToolRunner;
  /** Where the kind config is written. */
  stateDirectory: string;
  portIsFree(port: number): Promise<boolean>;
  signal?: AbortSignal;
}
