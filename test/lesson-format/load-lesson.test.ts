import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLesson, listLessons } from '../../source/lesson-format/lesson-catalog.ts';
import { loadLesson } from '../../source/lesson-format/load-lesson.ts';
import { slugOf, splitMarkdown } from '../../source/lesson-format/markdown-blocks.ts';
import { tempDirectory } from '../support/temp-directory.ts';

function lessonIn(folder: string, markdown: string): string {
  const root = tempDirectory('expose-tutor-format-');
  mkdirSync(join(root, folder));
  writeFileSync(join(root, folder, 'README.md'), markdown);
  return root;
}

const markdown = `---
id: demo
title: Demo
summary: A lesson to parse.
needs: [loadBalancer]
---

# Demo

Intro text.

## First \`steps\`, here!

\`\`\`yaml
# an ordinary code block with a heading inside
## not a heading
\`\`\`

\`\`\`yaml step
wait: endpoints
service: echo
ready: 3
\`\`\`

\`\`\`yaml step
id: look
kubectl: kubectl get svc
\`\`\`

## Second

\`\`\`yaml step
challenge: Fix it.
start: a.yaml
solution: b.yaml
timeout: 5s
check:
  - wait: endpoints
    service: echo
    ready: 1
  - wait: pods
    selector: app=echo
    ready: 1
    timeout: 1m
  - probe: http://echo/
    from: machine
    expect: {status: 200}
\`\`\`
`;

describe('lesson format', () => {
  it('turns prose into explain steps and step blocks into typed steps, with stable ids', () => {
    const { lesson, problems } = loadLesson(lessonIn('07-demo', markdown), '07-demo');
    expect(problems).toEqual([]);
    expect(lesson).toMatchObject({
      id: 'demo',
      number: '07',
      namespace: 'demo',
      needs: ['loadBalancer'],
    });
    expect(lesson!.steps.map((step) => [step.id, step.type, step.at.line])).toEqual([
      ['intro', 'explain', 10],
      ['first-steps-here', 'explain', 14],
      ['first-steps-here/2', 'wait', 20],
      ['look', 'kubectl', 27],
      ['second', 'challenge', 33],
    ]);
    const explain = lesson!.steps[1]!;
    expect(explain.type === 'explain' && explain.markdown).toContain('## not a heading');
    expect(lesson!.steps[3]).toMatchObject({ command: 'get svc' });
    const challenge = lesson!.steps[4]!;
    expect(challenge.type).toBe('challenge');
    if (challenge.type !== 'challenge') return;
    // Checks take the challenge's timeout unless they name their own.
    expect(
      challenge.check.map((check) => (check.type === 'wait' ? check.timeoutMs : check.withinMs)),
    ).toEqual([5000, 60_000, 5000]);
  });

  it('reads address saves, exact bodies, certificates and starts that are meant to be refused', () => {
    const fenced = (yaml: string) => `\`\`\`yaml step\n${yaml}\n\`\`\`\n`;
    /** `${ingressIP}`, as a lesson writes it. */
    const reference = `$\{ingressIP}`;
    const text = [
      '---\nid: more\ntitle: More\nsummary: s\nneeds: [ingress]\n---\n\n# More\n',
      fenced('wait: ingress\ningress: shop\nsave: ingressIP'),
      fenced(
        `probe: http://shop.example/\nfrom: machine\nresolve: ${reference}\nexpect: {status: 404, body: ""}`,
      ),
      fenced('tlsSecret: shop-tls\nhosts: [shop.example, "*.shop.example"]'),
      fenced(
        'challenge: Convert it.\nstart: old.yaml\nstartError: no matches for kind\nsolution: new.yaml\ncheck:\n  - wait: loadBalancer\n    service: echo\n    save: lbIP',
      ),
    ].join('\n');
    const { lesson, problems } = loadLesson(lessonIn('08-more', text), '08-more');
    expect(problems).toEqual([]);
    const [wait, probe, secret, challenge] = lesson!.steps;
    expect(wait).toMatchObject({ type: 'wait', for: { kind: 'ingress' }, save: 'ingressIP' });
    expect(probe).toMatchObject({ resolveTo: reference, expect: { status: 404, body: '' } });
    expect(secret).toMatchObject({
      type: 'tlsSecret',
      name: 'shop-tls',
      hosts: ['shop.example', '*.shop.example'],
    });
    expect(challenge).toMatchObject({
      type: 'challenge',
      startError: 'no matches for kind',
      check: [{ type: 'wait', save: 'lbIP' }],
    });
  });

  it('slugs headings as GitHub anchors them', () => {
    expect(slugOf('First `steps`, here!')).toBe('first-steps-here');
    expect(slugOf('…but not from your machine')).toBe('but-not-from-your-machine');
    expect(slugOf('port and targetPort')).toBe('port-and-targetport');
  });

  it('reports an unclosed step block', () => {
    const split = splitMarkdown('# T\n\n```yaml step\napply: a.yaml\n');
    expect(split.blocks).toEqual([{ type: 'unclosed-step', line: 3 }]);
  });

  it('finds lessons by id, folder or number', () => {
    const root = lessonIn('07-demo', markdown);
    const lessons = listLessons(root);
    expect(findLesson(lessons, 'demo')?.id).toBe('demo');
    expect(findLesson(lessons, '07-demo')?.id).toBe('demo');
    expect(findLesson(lessons, '7')?.id).toBe('demo');
    expect(findLesson(lessons, 'nope')).toBeUndefined();
  });
});
