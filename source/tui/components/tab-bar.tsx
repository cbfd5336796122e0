import { Text } from 'ink';
import { useTheme } from '../hooks/theme-context.ts';
import { type LivePaneId, paneTitles } from '../state/lesson-view-state.ts';

const tabs: LivePaneId[] = ['objects', 'traffic', 'path'];

/** The live panes' names under the lesson text when they do not fit beside it. */
export function TabBar({ selected, focused }: { selected: LivePaneId; focused: boolean }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {tabs.map((tab) => (
        <Text key={tab}>
          <Text
            {...theme.style(tab === selected ? (focused ? 'focused-title' : 'selected') : 'muted')}
          >{` ${paneTitles[tab]} `}</Text>
          <Text> </Text>
        </Text>
      ))}
      <Text {...theme.style('muted')}>(tab switches)</Text>
    </Text>
  );
}
