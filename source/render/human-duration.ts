import { unknown } from './object-meta-columns.ts';

/**
 * A duration as kubectl prints AGE: ~2–3 significant figures (`45s`, `2m30s`, `5m`, `3h`,
 * `4d2h`, `63d`, `3y12d`). Follows k8s.io/apimachinery's duration.HumanDuration step for step.
 */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.trunc(milliseconds / 1000);
  // A clock a second or so ahead of the server still reads as "now".
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const rest = seconds % 60;
    return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const rest = hours % 24;
    return rest === 0 ? `${days}d` : `${days}d${rest}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const rest = days % 365;
    return rest === 0 ? `${years}y` : `${years}y${rest}d`;
  }
  return `${years}y`;
}

/** Time since a timestamp, or `<unknown>` when there is none (translateTimestampSince). */
export function since(timestamp: string | null | undefined, now: Date): string {
  if (!timestamp) return unknown;
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return unknown;
  return humanDuration(now.getTime() - at);
}
