import { Box, Text } from 'ink';
import { BusyLine } from '../components/busy-line.tsx';
import { useTheme } from '../hooks/theme-context.ts';
import { useTutor } from '../hooks/tutor-context.ts';
import { useKeyCommands } from '../hooks/use-key-commands.ts';

/** Long work between screens (starting the sandbox, leaving): a spinner and the time taken. */
export function BusyScreen({ label, since }: { label: string; since: number }) {
  const theme = useTheme();
  const tutor = useTutor();
  // Ctrl-C still works while the runtime starts.
  useKeyCommands(['global'], (command) => {
    if (command === 'force-quit') void tutor.interrupt();
  });
  return (
    <Box flexDirection="column" paddingY={1}>
      <Text {...theme.style('heading')}>k8s-expose-tutor</Text>
      <Text> </Text>
      <BusyLine busy={{ label, since }} />
    </Box>
  );
}
