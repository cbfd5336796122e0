import { describe, expect, it } from 'vitest';
import { evaluateJsonPath } from '../../source/kubectl/json-path.ts';
import { parseKubectl, shellWords } from '../../source/kubectl/kubectl-arguments.ts';
import { formatTable } from '../../source/kubectl/kubectl-table.ts';

describe('kubectl arguments', () => {
  it('splits words as a shell does for simple quoting', () => {
    expect(shellWords(`get svc -o jsonpath='{.spec.ports[0].port}' "a b" c\\ d`)).toEqual([
      'get',
      'svc',
      '-o',
      'jsonpath={.spec.ports[0].port}',
      'a b',
      'c d',
    ]);
    expect(shellWords(`get 'pods`)).toBeUndefined();
  });

  it('reads get with types, names, selectors and output formats', () => {
    const parsed = parseKubectl('get pods,svc -l app=echo -o wide');
    expect(parsed).toMatchObject({
      command: {
        verb: 'get',
        selector: 'app=echo',
        output: { kind: 'table', wide: true },
        targets: [{ type: { kind: 'Pod' } }, { type: { kind: 'Service' } }],
      },
    });
    expect(parseKubectl('get deployment.apps/echo svc/echo')).toMatchObject({
      command: {
        targets: [
          { type: { kind: 'Deployment' }, names: ['echo'] },
          { type: { kind: 'Service' }, names: ['echo'] },
        ],
      },
    });
    expect(parseKubectl('kubectl get ep echo -n other')).toMatchObject({
      command: { namespace: 'other', targets: [{ type: { kind: 'Endpoints' }, names: ['echo'] }] },
    });
  });

  it('reads delete and scale', () => {
    expect(parseKubectl('delete pod -l app=web')).toMatchObject({
      command: {
        verb: 'delete',
        type: { kind: 'Pod' },
        names: [],
        selector: 'app=web',
        wait: true,
      },
    });
    expect(parseKubectl('scale deployment/echo --replicas=1')).toMatchObject({
      command: { verb: 'scale', type: { kind: 'Deployment' }, name: 'echo', replicas: 1 },
    });
  });

  it.each([
    [
      'exec client -- ls',
      'unsupported command "kubectl exec" (lessons can run get, delete, scale)',
    ],
    ['get pods --watch', 'unsupported flag --watch'],
    ['get widgets', `the server doesn't have a resource type "widgets"`],
    [
      'get pods -o custom-columns=A:.a',
      'unsupported output format "custom-columns=A:.a" (lessons can use wide, yaml, json, name, jsonpath=…)',
    ],
    ["get pods -o jsonpath='{range .items[*]}'", '{range} without {end}'],
    ['delete pods', 'resource(s) were provided, but no name was specified (give names or -l)'],
    ['scale deployment/echo', 'scale needs --replicas=<a whole number>'],
    ['scale service/echo --replicas=2', 'cannot scale services'],
  ])('refuses %s', (line, error) => {
    expect(parseKubectl(line)).toEqual({ error });
  });
});

describe('kubectl JSONPath', () => {
  const list = {
    items: [
      { metadata: { name: 'a' }, status: { podIP: '10.244.1.2' }, spec: { ports: [{ port: 80 }] } },
      { metadata: { name: 'b' }, status: { podIP: '10.244.2.2' }, spec: { ports: [] } },
    ],
  };

  it('selects fields, indices and wildcards, joining several results with spaces', () => {
    expect(evaluateJsonPath('{.items[0].status.podIP}', list)).toBe('10.244.1.2');
    expect(evaluateJsonPath('{.items[*].metadata.name}', list)).toBe('a b');
    expect(evaluateJsonPath('{.items[-1].metadata.name}', list)).toBe('b');
    expect(evaluateJsonPath('ip={.items[0].status.podIP}!', list)).toBe('ip=10.244.1.2!');
    expect(evaluateJsonPath('{.items[0].spec.ports[0]}', list)).toBe('{"port":80}');
    expect(evaluateJsonPath('{.items[5].metadata.name}', list)).toBe('');
  });

  it('ranges with quoted literals', () => {
    expect(
      evaluateJsonPath('{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}', list),
    ).toBe('a\t10.244.1.2\nb\t10.244.2.2\n');
  });
});

describe('kubectl tables', () => {
  it('pads every column but the last to its widest cell plus three, at least six wide', () => {
    expect(
      formatTable(
        ['NAME', 'TYPE', 'AGE'],
        [
          ['echo', 'ClusterIP', '5s'],
          ['kubernetes', 'ClusterIP', '3d'],
        ],
      ),
    ).toBe(
      [
        'NAME         TYPE        AGE',
        'echo         ClusterIP   5s',
        'kubernetes   ClusterIP   3d',
      ].join('\n'),
    );
    expect(formatTable(['A', 'B'], [['x', 'y']])).toBe('A     B\nx     y');
  });
});
