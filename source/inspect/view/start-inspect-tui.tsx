import { render } from 'ink';
import { ThemeContext } from '../../tui/hooks/theme-context.ts';
import { createTheme } from '../../tui/theme.ts';
import type { InspectReport } from '../inspect-report.ts';
import { InspectApp } from './inspect-app.tsx';
import { LiveReport } from './live-report.ts';

/** Refresh period of the live view: a full re-list, so not faster than this. */
const refreshMs = 5_000;

/**
 * The live inspect view on a terminal, until q. The first report was read before (so an
 * unreachable server is still a one-line error); later ones refresh in the background.
 */
export async function startInspectTui(
  first: InspectReport,
  load: () => Promise<InspectReport>,
  io: { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream; env: NodeJS.ProcessEnv },
): Promise<void> {
  const live = new LiveReport(load, refreshMs, first);
  live.start();
  const size = () => ({ width: io.stdout.columns ?? 100, height: io.stdout.rows ?? 30 });
  const view = () => (
    <ThemeContext.Provider value={createTheme(io.env)}>
      <InspectApp live={live} {...size()} />
    </ThemeContext.Provider>
  );
  const instance = render(view(), {
    stdout: io.stdout,
    stdin: io.stdin,
    maxFps: 20,
    exitOnCtrlC: false,
    alternateScreen: true,
  });
  const onResize = () => instance.rerender(view());
  io.stdout.on('resize', onResize);
  try {
    await instance.waitUntilExit();
  } finally {
    io.stdout.off('resize', onResize);
    live.stop();
    instance.unmount();
  }
}
