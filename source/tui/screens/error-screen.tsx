import { Box, Text } from 'ink';
import { useTheme } from '../hooks/theme-context.ts';
import { useKeyCommands } from '../hooks/use-key-commands.ts';

export interface ErrorScreenProps {
  message: string;
  logFile: string;
  onQuit(): void;
}

/** What a crash looks like: the message in words, where the details are, how to get out. */
export function ErrorScreen({ message, logFile, onQuit }: ErrorScreenProps) {
  const theme = useTheme();
  useKeyCommands(['help', 'global'], (command) => {
    if (command === 'quit' || command === 'force-quit' || command === 'close-help') onQuit();
  });
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text {...theme.style('fail')}>The tutor hit an error it cannot recover from.</Text>
      <Text> </Text>
      <Text>{message}</Text>
      <Text> </Text>
      <Text>
        The details are in <Text {...theme.style('code')}>{logFile}</Text> — please include them if
        you report this.
      </Text>
      <Text {...theme.style('muted')}>Press q to quit.</Text>
    </Box>
  );
}
