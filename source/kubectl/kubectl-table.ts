/**
 * Aligns rows the way kubectl's printer does (Go's tabwriter with minimum width 6 and padding
 * 3): every column but the last is padded to its widest cell plus three spaces.
 */
export function formatTable(headers: string[], rows: string[][]): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, column) =>
    Math.max(6, ...all.map((row) => (row[column] ?? '').length + 3)),
  );
  return all
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
        .join(''),
    )
    .join('\n');
}
