import { useApp, useInput } from 'ink';
import { useMemo, useReducer, useSyncExternalStore } from 'react';
import { commandFor } from './inspect-keys.ts';
import { InspectScreen } from './inspect-screen.tsx';
import { treeRows } from './inspect-tree.ts';
import {
  initialInspectViewState,
  inspectViewReducer,
  selectedIndex,
} from './inspect-view-state.ts';
import type { LiveReport } from './live-report.ts';

export interface InspectAppProps {
  live: Pick<LiveReport, 'subscribe' | 'getSnapshot' | 'refresh'>;
  width: number;
  height: number;
}

/** The live inspect view: keys → the view reducer; the report comes from LiveReport. */
export function InspectApp({ live, width, height }: InspectAppProps) {
  const { exit } = useApp();
  const snapshot = useSyncExternalStore(live.subscribe, live.getSnapshot);
  const [state, dispatch] = useReducer(inspectViewReducer, initialInspectViewState);
  const rows = useMemo(
    () => (snapshot.report ? treeRows(snapshot.report, state.collapsed, state.expanded) : []),
    [snapshot.report, state.collapsed, state.expanded],
  );
  useInput((input, key) => {
    // Keys typed faster than a frame arrive together ("jjj"): each one counts.
    const repeated = input.length > 1 && /^(.)\1*$/.test(input);
    const command = commandFor(repeated ? input[0]! : input, key);
    for (let i = repeated ? input.length : 1; i > 0; i--) handle(command);
  });
  function handle(command: ReturnType<typeof commandFor>) {
    switch (command) {
      case 'quit':
        return exit();
      case 'refresh':
        return void live.refresh();
      case 'up':
        return dispatch({ type: 'select-previous', rows });
      case 'down':
        return dispatch({ type: 'select-next', rows });
      case 'toggle':
      case 'open':
      case 'close':
        return dispatch({ type: command, rows });
    }
  }
  return (
    <InspectScreen
      report={snapshot.report}
      rows={rows}
      selected={selectedIndex(state, rows)}
      error={snapshot.error}
      refreshing={snapshot.refreshing}
      width={width}
      height={height}
    />
  );
}
