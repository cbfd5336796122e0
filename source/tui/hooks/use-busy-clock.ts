import { useAnimation } from 'ink';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A spinner frame and the seconds since `since`, ticking only while something is busy (Ink's
 * shared animation timer; idle screens do not tick at all).
 */
export function useBusyClock(since: number | undefined): { spinner: string; elapsed: string } {
  const { frame } = useAnimation({ interval: 100, isActive: since !== undefined });
  if (since === undefined) return { spinner: ' ', elapsed: '' };
  const seconds = Math.max(0, (Date.now() - since) / 1000);
  return { spinner: frames[frame % frames.length]!, elapsed: `${seconds.toFixed(1)}s` };
}
