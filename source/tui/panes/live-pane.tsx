import { LineWindow } from '../components/line-window.tsx';
import { PaneFrame } from '../components/pane-frame.tsx';
import type { PaneContent } from '../hooks/use-lesson-panes.ts';
import type { PaneBox } from '../state/layout.ts';

/**
 * The live panes beside the lesson text. They differ only in what their lines say:
 * - Objects: the lesson namespace's objects as kubectl lists them, from a watch; changed rows flash;
 * - Traffic: who answered — a bar per pod for the latest request, then every request, newest first;
 * - Path: the route of the step's request, hop by hop, with the hop where it breaks explained.
 */
export const livePanes = [
  { id: 'objects', title: 'Objects' },
  { id: 'traffic', title: 'Traffic' },
  { id: 'path', title: 'Path' },
] as const;

export function LivePane({
  title,
  content,
  box,
  focused,
  titled = true,
}: {
  title: string;
  content: PaneContent;
  box: PaneBox;
  focused: boolean;
  /** False under the tab bar, which names the pane already. */
  titled?: boolean;
}) {
  const window = (
    <LineWindow
      lines={content.lines}
      offset={content.offset}
      width={box.width}
      height={box.height}
    />
  );
  if (!titled) return window;
  return (
    <PaneFrame title={title} note={content.note} focused={focused} width={box.width}>
      {window}
    </PaneFrame>
  );
}
