import { LineWindow } from '../components/line-window.tsx';
import { PaneFrame } from '../components/pane-frame.tsx';
import type { PaneContent } from '../hooks/use-lesson-panes.ts';
import type { PaneBox } from '../state/layout.ts';

/** The lesson namespace's objects as kubectl lists them, from a watch; changed rows flash. */
export function ObjectsPane({
  content,
  box,
  focused,
  titled = true,
}: {
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
    <PaneFrame title="Objects" note={content.note} focused={focused} width={box.width}>
      {window}
    </PaneFrame>
  );
}
