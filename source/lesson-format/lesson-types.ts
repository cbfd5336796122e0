/**
 * A lesson as the engine runs it, parsed from `lessons/<nn>-<id>/README.md` (front matter,
 * Markdown prose, fenced `yaml step` blocks) and the manifests beside it. lessons/README.md
 * documents the format for authors; this file is its typed form.
 */

/** What a runtime may or may not provide; a lesson lists the ones it needs. */
export const capabilities = ['loadBalancer', 'ingress', 'gateway'] as const;
export type Capability = (typeof capabilities)[number];

/** Where a step came from, for `file:line` messages. Paths are relative to the lesson folder. */
export interface SourcePosition {
  file: string;
  line: number;
}

export interface Lesson {
  /** Stable id, the folder name without its number: `clusterip`. Progress is keyed by it. */
  id: string;
  /** `02`: the order in the curriculum. */
  number: string;
  /** The folder name, `02-clusterip`. */
  folder: string;
  /** Absolute path of the lesson folder. */
  directory: string;
  title: string;
  summary: string;
  needs: Capability[];
  /** The namespace the lesson's objects live in (default: the id). */
  namespace: string;
  steps: Step[];
}

export type Step =
  | ExplainStep
  | ApplyStep
  | WaitStep
  | ProbeStep
  | KubectlStep
  | QuizStep
  | ChallengeStep
  | TlsSecretStep;

export type StepType = Step['type'];

export interface StepBase {
  /** `<section-slug>` for a section's first step, then `<section-slug>/2`, … or an explicit id. */
  id: string;
  /** The `##` heading the step sits under (the lesson's title before the first one). */
  section: string;
  at: SourcePosition;
}

/** Prose between step blocks. */
export interface ExplainStep extends StepBase {
  type: 'explain';
  markdown: string;
}

export interface ApplyStep extends StepBase {
  type: 'apply';
  files: string[];
  /** Print the manifests before applying them (default true). */
  show: boolean;
  /** The apply must fail, with a message containing this text. */
  expectError?: string;
}

export type WaitFor =
  | { kind: 'pods'; selector: string; ready: number }
  | { kind: 'endpoints'; service: string; ready: number; notReady?: number }
  | { kind: 'loadBalancer'; service: string }
  | { kind: 'ingress'; ingress: string };

export interface WaitStep extends StepBase {
  type: 'wait';
  for: WaitFor;
  timeoutMs: number;
  /** loadBalancer, ingress: keeps the first address under this name, for `${name}` later. */
  save?: string;
}

export type Vantage =
  | { kind: 'pod'; name: string }
  | { kind: 'node'; name: string }
  | { kind: 'machine' };

/**
 * How a request failed, named as what it is: nothing accepted the connection, no answer in
 * time, the name did not resolve, TLS failed, no route from your machine, or anything else.
 */
export const probeFailures = [
  'refused',
  'timedOut',
  'dnsFailure',
  'tlsError',
  'unreachable',
  'error',
] as const;
export type ProbeFailure = (typeof probeFailures)[number];

export interface ProbeExpectation {
  /** Every response has this HTTP status. */
  status?: number;
  /** Every response body contains this text. */
  bodyContains?: string;
  /** Every response body is exactly this text (`""`: empty, as a proxy's own 404 can be). */
  body?: string;
  /** Every request fails this way (`any`: whichever way). */
  fails?: ProbeFailure | 'any';
  /** Distinct answering pods: exactly `exactly`, or at least `atLeast`. `exactly: 0` = no pod answered. */
  pods?: { exactly: number } | { atLeast: number };
}

export interface ProbeStep extends StepBase {
  type: 'probe';
  /** May hold `${variable}` references. */
  url: string;
  from: Vantage;
  count: number;
  /** Extra request headers; `Host` overrides the URL's host name (Ingress routing). */
  headers: Record<string, string>;
  /** Accept any TLS certificate (curl's `-k`). */
  insecure: boolean;
  /** Connect to this address but keep the URL's host for Host and SNI (curl's `--resolve`). */
  resolveTo?: string;
  /** Per request (curl's `-m`). */
  timeoutMs: number;
  /** Repeat the whole batch until the expectations hold, for up to this long. */
  withinMs?: number;
  expect: ProbeExpectation;
}

export interface KubectlStep extends StepBase {
  type: 'kubectl';
  /** The arguments after `kubectl`, as written (may hold `${variable}` references). */
  command: string;
  /** Saves the trimmed output under this name, for `${name}` in later steps. */
  save?: string;
  /** A check: the output must contain this text. */
  expectOutput?: string;
  /** The command must fail, with an error containing this text. */
  expectError?: string;
}

export interface QuizStep extends StepBase {
  type: 'quiz';
  question: string;
  choices: string[];
  /** Index into `choices`. */
  answer: number;
  explanation: string;
}

/**
 * A `kubernetes.io/tls` Secret holding a fresh self-signed certificate for `hosts`, made the
 * way a learner would with openssl and `kubectl create secret tls`.
 */
export interface TlsSecretStep extends StepBase {
  type: 'tlsSecret';
  /** The Secret's name. */
  name: string;
  /** DNS names the certificate is for; the first is also its subject CN. */
  hosts: string[];
}

/** A live check inside a challenge: a wait or a probe. */
export type ChallengeCheck = WaitStep | ProbeStep;

export interface ChallengeStep extends StepBase {
  type: 'challenge';
  task: string;
  /** The manifest copied to the learner's workspace. */
  start: string;
  /**
   * The API server refuses the starting manifest, with a message containing this text (an old
   * apiVersion to convert, say): the checker then does not hold it to the usual validation.
   */
  startError?: string;
  /** The reference solution, applied by `run --plain`. */
  solution: string;
  /** How long each check may take to hold. */
  timeoutMs: number;
  check: ChallengeCheck[];
  hints: string[];
}

/** An authoring mistake, reported as `file:line: message`. */
export interface LessonProblem {
  /** Path relative to the directory being checked (e.g. `02-clusterip/README.md`). */
  file: string;
  line: number;
  message: string;
}

export function formatProblem(problem: LessonProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
