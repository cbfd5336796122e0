import { Box, Text } from 'ink';
import { useTheme } from '../hooks/theme-context.ts';
import { keymap, type Scope, scopeTitles } from '../keymap.ts';

/** Every key, generated from the keymap, grouped by where it works; in columns when wide. */
export function HelpOverlay({
  scopes,
  width,
  height,
}: {
  scopes: readonly Scope[];
  width: number;
  height: number;
}) {
  const theme = useTheme();
  const groups = scopes
    .filter((scope) => scope !== 'help')
    .map((scope) => ({ scope, bindings: keymap.filter((binding) => binding.scope === scope) }))
    .filter((group) => group.bindings.length > 0);
  const keyWidth = 18;
  const lines: { key: string; text: string; heading?: boolean }[] = [];
  for (const group of groups) {
    if (lines.length > 0) lines.push({ key: '', text: '' });
    lines.push({ key: '', text: scopeTitles[group.scope], heading: true });
    for (const binding of group.bindings)
      lines.push({
        key: binding.keys.map((spec) => spec.display).join(' '),
        text: binding.description,
      });
  }
  const columns = width >= 120 && lines.length > height - 2 ? 2 : 1;
  const perColumn = Math.ceil(lines.length / columns);
  const columnWidth = Math.floor(width / columns);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text {...theme.style('heading')}>Keys — ? or esc closes this help</Text>
      <Box flexDirection="row">
        {Array.from({ length: columns }, (_, column) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions.
          <Box key={column} flexDirection="column" width={columnWidth}>
            {lines.slice(column * perColumn, (column + 1) * perColumn).map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list.
              <Text key={index} wrap="truncate-end">
                {line.heading ? (
                  <Text {...theme.style('strong')}>{line.text}</Text>
                ) : (
                  <>
                    <Text {...theme.style('accent')}>{`  ${line.key}`.padEnd(keyWidth)}</Text>
                    <Text>{line.text}</Text>
                  </>
                )}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
