import { describe, expect, it } from 'vitest';
import { layoutFor } from '../../source/tui/state/layout.ts';
import {
  initialLessonView,
  type LessonViewAction,
  lessonViewReducer,
} from '../../source/tui/state/lesson-view-state.ts';

const play = (actions: LessonViewAction[], from = initialLessonView) =>
  actions.reduce(lessonViewReducer, from);

describe('lessonViewReducer', () => {
  const moved = (index: number, running = false, newSection = false): LessonViewAction => ({
    type: 'engine-moved',
    index,
    running,
    newSection,
  });

  it('follows the engine until the learner steps back, and again once back at the front', () => {
    const first = play([moved(4, false, true)]);
    expect(first.viewIndex).toBe(4);
    const back = play([{ type: 'step-viewed', index: 2, engineIndex: 4 }], first);
    expect(back).toMatchObject({ viewIndex: 2, followEngine: false });
    expect(play([moved(5)], back).viewIndex).toBe(2);
    const front = play([{ type: 'step-viewed', index: 9, engineIndex: 5 }], back);
    expect(front).toMatchObject({ viewIndex: 5, followEngine: true });
  });

  it('stays on the end of a watched section until the next section’s step runs', () => {
    const watching = play([moved(3), moved(3, true)]);
    expect(watching.viewIndex).toBe(3);
    const waiting = play([moved(4, false, true)], watching);
    expect(waiting.viewIndex).toBe(3);
    expect(play([moved(4, true, true)], waiting).viewIndex).toBe(4);
    // Within a section the view moves on at once.
    expect(play([moved(4, false, false)], watching).viewIndex).toBe(4);
  });

  it('cycles focus through the panes and shows a focused live pane in the tab', () => {
    const once = play([{ type: 'pane-focused', direction: 1 }]);
    expect(once).toMatchObject({ focus: 'objects', tab: 'objects' });
    const twice = play([{ type: 'pane-focused', direction: 1 }], once);
    expect(twice).toMatchObject({ focus: 'traffic', tab: 'traffic' });
    const around = play(
      [
        { type: 'pane-focused', direction: -1 },
        { type: 'pane-focused', direction: -1 },
      ],
      twice,
    );
    expect(around).toMatchObject({ focus: 'lesson', tab: 'objects' });
  });

  it('scrolls the focused pane within its content and resets the lesson pane on a new step', () => {
    const scrolled = play([{ type: 'scrolled', by: 5, from: 3, max: 6 }]);
    expect(scrolled.scroll.lesson).toBe(6);
    expect(play([{ type: 'scrolled', by: -10, from: 6, max: 6 }], scrolled).scroll.lesson).toBe(0);
    expect(play([moved(1)], scrolled).scroll.lesson).toBe('auto');
  });

  it('opens and closes the help and the leave dialog', () => {
    const help = play([{ type: 'help-toggled' }]);
    expect(help.overlay).toBe('help');
    expect(play([{ type: 'help-toggled' }], help).overlay).toBe('none');
    expect(play([{ type: 'leave-asked' }, { type: 'overlay-closed' }]).overlay).toBe('none');
  });
});

describe('layoutFor', () => {
  const view = { focus: 'lesson' as const, tab: 'objects' as const, zoomed: false };

  it('puts the live panes beside the lesson at 120 columns and more', () => {
    const layout = layoutFor({ columns: 120, rows: 40 }, view);
    expect(layout.mode).toBe('side-by-side');
    const { lesson, objects, traffic, path } = layout.panes;
    expect(lesson!.width + 2 + objects!.width).toBe(120);
    // Each pane has a title line; together with the chrome they fill the screen.
    expect(objects!.height + traffic!.height + path!.height + 3).toBe(lesson!.height + 1);
    expect(lesson!.height + 1 + 3).toBe(40);
  });

  it('stacks the lesson over one tabbed live pane below 120 columns, and fits 80×24', () => {
    const layout = layoutFor({ columns: 80, rows: 24 }, { ...view, tab: 'traffic' });
    expect(layout.mode).toBe('stacked');
    expect(Object.keys(layout.panes)).toEqual(['lesson', 'traffic']);
    expect(layout.panes.lesson!.height + 1 + layout.panes.traffic!.height + 1 + 3).toBe(24);
    expect(layout.panes.lesson!.height).toBeGreaterThanOrEqual(9);
  });

  it('gives a zoomed pane the whole body', () => {
    const layout = layoutFor({ columns: 80, rows: 24 }, { ...view, focus: 'path', zoomed: true });
    expect(layout.panes).toEqual({ path: { width: 80, height: 20 } });
  });
});
