import { Box, Text } from 'ink';
import { BusyLine } from '../components/busy-line.tsx';
import { HintBar } from '../components/hint-bar.tsx';
import { useScreenSize } from '../hooks/screen-size-context.ts';
import { useTheme } from '../hooks/theme-context.ts';
import { useTutor } from '../hooks/tutor-context.ts';
import { useKeyCommands } from '../hooks/use-key-commands.ts';
import { useReadable } from '../hooks/use-readable.ts';
import type { Scope } from '../keymap.ts';
import { helpLines } from '../state/help-lines.ts';
import type { LessonEntry } from '../state/start-state.ts';
import { truncate } from '../text/styled-line.ts';
import { HelpOverlay } from './help-overlay.tsx';

function progressText(entry: LessonEntry): string {
  if (entry.progress === 'done') return 'done';
  if (entry.progress === 'in-progress' && entry.resumeAt)
    return `in progress · step ${entry.resumeAt.position}/${entry.resumeAt.total}`;
  return 'new';
}

/**
 * Where the tutor starts: which runtime lessons will use and why (r chooses another), and the
 * lessons with progress and a summary each; the cursor starts where the learner left off.
 */
export function StartScreen() {
  const tutor = useTutor();
  const theme = useTheme();
  const { columns, rows } = useScreenSize();
  const state = useReadable(tutor.start);
  const scopes: Scope[] = state.helpOpen ? ['help', 'global'] : ['start', 'global'];
  const width = Math.max(20, columns);
  const height = Math.max(10, rows);
  const help = helpLines(['start', 'help', 'global'], width);
  const helpMax = Math.max(0, help.length - (height - 2));
  useKeyCommands(scopes, (command) => {
    switch (command) {
      case 'select-next':
        return tutor.start.dispatch({ type: 'selection-moved', by: 1 });
      case 'select-previous':
        return tutor.start.dispatch({ type: 'selection-moved', by: -1 });
      case 'choose-runtime':
        return tutor.start.dispatch({ type: 'runtime-cycled' });
      case 'open-lesson':
        return void tutor.openSelected();
      case 'toggle-help':
      case 'close-help':
        return tutor.start.dispatch({ type: 'help-toggled' });
      case 'scroll-down':
        return tutor.start.dispatch({ type: 'help-scrolled', by: 1, max: helpMax });
      case 'scroll-up':
        return tutor.start.dispatch({ type: 'help-scrolled', by: -1, max: helpMax });
      case 'quit':
        return void tutor.quit();
      case 'force-quit':
        return void tutor.interrupt();
      default:
        return;
    }
  });
  if (state.helpOpen)
    return (
      <Box flexDirection="column" width={width} height={height}>
        <HelpOverlay lines={help} offset={state.helpOffset} width={width} height={height - 1} />
        <HintBar scopes={scopes} width={width} />
      </Box>
    );

  const detection = state.detection;
  const choice = detection?.choices.find((candidate) => candidate.name === state.runtime);
  const titleWidth = Math.max(...state.lessons.map((entry) => entry.title.length), 5);
  // Two lines a lesson; keep the selected one in view on a short terminal.
  const room = Math.max(1, Math.floor((height - 9) / 2));
  const first = Math.min(
    Math.max(0, state.selected - room + 1),
    Math.max(0, state.lessons.length - room),
  );
  const visible = state.lessons.slice(first, first + room);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate-end">
        <Text {...theme.style('heading')}>k8s-expose-tutor</Text>
        <Text {...theme.style('muted')}> · learn how Kubernetes exposes Services</Text>
      </Text>
      <Text> </Text>
      {detection ? (
        <>
          <Text wrap="truncate-end">
            <Text {...theme.style('strong')}>Runtime </Text>
            <Text {...theme.style('selected')}>{` ${state.runtime} `}</Text>
            <Text> {choice?.note}</Text>
          </Text>
          <Text {...theme.style('muted')} wrap="wrap">
            {state.runtime === detection.recommended
              ? `Why: ${detection.reason}.`
              : `You chose ${state.runtime}; the tutor would pick ${detection.recommended} (${detection.reason}).`}{' '}
            Press r for another ({detection.choices.map((c) => c.name).join(' · ')}).
          </Text>
        </>
      ) : (
        <BusyLine
          busy={{ label: 'Looking for Docker and kind', since: tutor.detectingSince ?? Date.now() }}
        />
      )}
      <Text> </Text>
      <Text {...theme.style('strong')}>Lessons</Text>
      {visible.map((entry, index) => {
        const selected = first + index === state.selected;
        return (
          <Box key={entry.id} flexDirection="column">
            <Text wrap="truncate-end">
              <Text {...theme.style(selected ? 'accent' : 'plain')}>{selected ? '▶ ' : '  '}</Text>
              <Text {...theme.style(selected ? 'selected' : 'plain')}>
                {`${entry.number} ${entry.title.padEnd(titleWidth)}`}
              </Text>
              <Text
                {...theme.style(
                  entry.progress === 'done' ? 'ok' : entry.progress === 'new' ? 'muted' : 'warn',
                )}
              >
                {`  ${progressText(entry)}`}
              </Text>
            </Text>
            <Text {...theme.style('muted')} wrap="truncate-end">
              {`     ${truncate(entry.summary, width - 6)}`}
            </Text>
          </Box>
        );
      })}
      {state.lessons.length === 0 && <Text {...theme.style('warn')}>No lessons were found.</Text>}
      <Box flexGrow={1} />
      {state.message && (
        <Text {...theme.style('warn')} wrap="wrap">
          {state.message}
        </Text>
      )}
      <HintBar scopes={scopes} width={width} />
    </Box>
  );
}
