import { LineWindow } from '../components/line-window.tsx';
import { PaneFrame } from '../components/pane-frame.tsx';
import type { PaneContent } from '../hooks/use-lesson-panes.ts';
import type { PaneBox } from '../state/layout.ts';

/** The lesson's text for the step being read, with what happened in each step so far. */
export function LessonTextPane({
  title,
  content,
  box,
  focused,
}: {
  title: string;
  content: PaneContent;
  box: PaneBox;
  focused: boolean;
}) {
  return (
    <PaneFrame title={title} note={content.note} focused={focused} width={box.width}>
      <LineWindow
        lines={content.lines}
        offset={content.offset}
        width={box.width}
        height={box.height}
      />
    </PaneFrame>
  );
}
