import { Text } from 'ink';
import { useTheme } from '../hooks/theme-context.ts';

/**
 * The question when quitting mid-lesson, in the status line. Objects on a real cluster outlive
 * the tutor, so it asks whether to keep them; the sandbox's go with it, so it only confirms.
 */
export function LeaveDialog({
  objectsOutlive,
  namespace,
}: {
  objectsOutlive: boolean;
  namespace: string;
}) {
  const theme = useTheme();
  if (objectsOutlive)
    return (
      <Text wrap="truncate-end">
        <Text {...theme.style('warn')}>Leave the lesson? </Text>
        <Text>Its objects are in namespace {namespace}: </Text>
        <Text {...theme.style('accent')}>k</Text>
        <Text> keep them · </Text>
        <Text {...theme.style('accent')}>c</Text>
        <Text> clean up · </Text>
        <Text {...theme.style('accent')}>esc</Text>
        <Text> stay</Text>
      </Text>
    );
  return (
    <Text wrap="truncate-end">
      <Text {...theme.style('warn')}>Leave the lesson? </Text>
      <Text>Your progress is saved; the sandbox and its objects stop with the tutor. </Text>
      <Text {...theme.style('accent')}>y</Text>
      <Text> leave · </Text>
      <Text {...theme.style('accent')}>esc</Text>
      <Text> stay</Text>
    </Text>
  );
}
