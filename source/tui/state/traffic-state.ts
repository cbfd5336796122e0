import type { ProbeResult } from '../../probe/probe.ts';
import { isFailure, outcomeLabel } from './outcome-label.ts';

/** One request as the traffic pane lists it. */
export interface ResultLine {
  index: number;
  label: string;
  kind: ProbeResult['outcome']['kind'];
  status?: number;
  /** The tool's own words for a failure. */
  detail?: string;
  pod?: string;
  failed: boolean;
  latencyMs: number;
}

/** A batch of requests with one command: a probe step's, or the learner's "20 more". */
export interface ProbeBatch {
  id: number;
  command: string;
  source: 'lesson' | 'learner';
  count: number;
  /** Newest first, capped at `maxResultsPerBatch`; the counts below cover them all. */
  results: ResultLine[];
  sent: number;
  /** Answers per pod name. */
  hits: Record<string, number>;
  /** Everything else, by label (`connection refused`, `404 from envoy`). */
  others: Record<string, number>;
}

export interface TrafficState {
  /** Newest first, capped at `maxBatches`. */
  batches: ProbeBatch[];
  nextId: number;
}

export type TrafficAction =
  | { type: 'probe-started'; command: string; count: number; source: 'lesson' | 'learner' }
  | { type: 'probe-result'; result: ProbeResult };

export const maxBatches = 20;
export const maxResultsPerBatch = 40;

export const initialTraffic: TrafficState = { batches: [], nextId: 1 };

export function trafficReducer(state: TrafficState, action: TrafficAction): TrafficState {
  switch (action.type) {
    case 'probe-started': {
      const batch: ProbeBatch = {
        id: state.nextId,
        command: action.command,
        source: action.source,
        count: action.count,
        results: [],
        sent: 0,
        hits: {},
        others: {},
      };
      return { batches: [batch, ...state.batches].slice(0, maxBatches), nextId: state.nextId + 1 };
    }
    case 'probe-result': {
      const [latest, ...rest] = state.batches;
      if (!latest) return state;
      const { result } = action;
      const label = outcomeLabel(result);
      const line: ResultLine = {
        index: result.index,
        label,
        kind: result.outcome.kind,
        ...(result.outcome.kind === 'response' ? { status: result.outcome.status } : {}),
        ...('detail' in result.outcome ? { detail: result.outcome.detail } : {}),
        ...(result.pod ? { pod: result.pod } : {}),
        failed: isFailure(result),
        latencyMs: result.latencyMs,
      };
      const updated: ProbeBatch = {
        ...latest,
        sent: latest.sent + 1,
        results: [line, ...latest.results].slice(0, maxResultsPerBatch),
        hits: result.pod
          ? { ...latest.hits, [result.pod]: (latest.hits[result.pod] ?? 0) + 1 }
          : latest.hits,
        others: result.pod
          ? latest.others
          : { ...latest.others, [label]: (latest.others[label] ?? 0) + 1 },
      };
      return { ...state, batches: [updated, ...rest] };
    }
  }
}

export interface TallyBar {
  label: string;
  count: number;
  /** A pod's answers, or anything else (failures, replies no pod gave). */
  kind: 'pod' | 'failure' | 'other';
}

/**
 * Who answered the latest command, over every batch that sent it: one bar per pod (sorted by
 * name, so bars do not jump around), then failures and other replies.
 */
export function tallyBars(state: TrafficState): {
  command?: string;
  total: number;
  bars: TallyBar[];
} {
  const command = state.batches[0]?.command;
  if (command === undefined) return { total: 0, bars: [] };
  const hits = new Map<string, number>();
  const others = new Map<string, number>();
  let total = 0;
  for (const batch of state.batches) {
    if (batch.command !== command) continue;
    total += batch.sent;
    for (const [pod, count] of Object.entries(batch.hits))
      hits.set(pod, (hits.get(pod) ?? 0) + count);
    for (const [label, count] of Object.entries(batch.others))
      others.set(label, (others.get(label) ?? 0) + count);
  }
  const bars: TallyBar[] = [...hits]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, count]) => ({ label, count, kind: 'pod' }));
  for (const [label, count] of others) {
    const failed = !/^[1-3]\d\d$/.test(label);
    bars.push({ label, count, kind: failed ? 'failure' : 'other' });
  }
  return { command, total, bars };
}
