import { Text } from 'ink';
import { useTheme } from '../hooks/theme-context.ts';
import { useBusyClock } from '../hooks/use-busy-clock.ts';

/** What is happening now, with a spinner and the time it has taken; a plain note otherwise. */
export function BusyLine({
  busy,
  idle,
}: {
  busy: { label: string; since: number } | undefined;
  idle?: string;
}) {
  const theme = useTheme();
  const { spinner, elapsed } = useBusyClock(busy?.since);
  if (!busy)
    return (
      <Text {...theme.style('muted')} wrap="truncate-end">
        {idle ?? ' '}
      </Text>
    );
  return (
    <Text wrap="truncate-end">
      <Text {...theme.style('accent')}>{spinner} </Text>
      <Text>{busy.label}</Text>
      <Text {...theme.style('muted')}> {elapsed}</Text>
    </Text>
  );
}
