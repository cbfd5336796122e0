import { LineWindow } from '../components/line-window.tsx';
import { PaneFrame } from '../components/pane-frame.tsx';
import type { PaneContent } from '../hooks/use-lesson-panes.ts';
import type { PaneBox } from '../state/layout.ts';

/** Who answered: a bar per pod for the latest request, then every request, newest first. */
export function TrafficPane({
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
    <PaneFrame title="Traffic" note={content.note} focused={focused} width={box.width}>
      {window}
    </PaneFrame>
  );
}
