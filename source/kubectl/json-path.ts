/**
 * The part of kubectl's JSONPath templates lessons use: literal text, `{.a.b}`, `{.list[0]}`,
 * `{.list[*].field}`, `{"\t"}`-style quoted literals and `{range …}…{end}`. Several results
 * print separated by spaces, strings bare and anything else as JSON, as kubectl does.
 */
export function evaluateJsonPath(template: string, data: unknown): string {
  const nodes = parseTemplate(template);
  return render(nodes, data);
}

/** Why a template cannot be used, or undefined when it can. */
export function jsonPathProblem(template: string): string | undefined {
  try {
    parseTemplate(template);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'path'; path: string }
  | { type: 'range'; path: string; body: TemplateNode[] };

function parseTemplate(template: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: TemplateNode[][] = [root];
  let index = 0;
  const current = () => stack[stack.length - 1]!;
  while (index < template.length) {
    const open = template.indexOf('{', index);
    if (open < 0) {
      current().push({ type: 'text', text: template.slice(index) });
      break;
    }
    if (open > index) current().push({ type: 'text', text: template.slice(index, open) });
    const close = closingBrace(template, open);
    if (close < 0) throw new Error(`unclosed action in ${template}`);
    const action = template.slice(open + 1, close).trim();
    index = close + 1;
    const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(action);
    if (literal) current().push({ type: 'text', text: JSON.parse(`"${literal[1]}"`) as string });
    else if (action.startsWith('range ')) {
      const body: TemplateNode[] = [];
      current().push({ type: 'range', path: action.slice(6).trim(), body });
      stack.push(body);
    } else if (action === 'end') {
      if (stack.length === 1) throw new Error('{end} without {range}');
      stack.pop();
    } else if (action.startsWith('.') || action.startsWith('$') || action === '@')
      current().push({ type: 'path', path: action });
    else throw new Error(`unsupported JSONPath {${action}}`);
  }
  if (stack.length > 1) throw new Error('{range} without {end}');
  return root;
}

/** The `}` closing an action, skipping braces inside quoted literals. */
function closingBrace(template: string, open: number): number {
  let quoted = false;
  for (let index = open + 1; index < template.length; index++) {
    const char = template[index];
    if (char === '\\' && quoted) index++;
    else if (char === '"') quoted = !quoted;
    else if (char === '}' && !quoted) return index;
  }
  return -1;
}

function render(nodes: TemplateNode[], data: unknown): string {
  let output = '';
  for (const node of nodes) {
    if (node.type === 'text') output += node.text;
    else if (node.type === 'path')
      output += select(node.path, data)
        .map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
        .join(' ');
    else for (const item of select(node.path, data)) output += render(node.body, item);
  }
  return output;
}

/** The values a path selects from `data`, in order. */
export function select(path: string, data: unknown): unknown[] {
  let values: unknown[] = [data];
  const steps = path.replace(/^[$@]/, '');
  for (const [, field, bracket] of steps.matchAll(/\.([^.[\]]+)|\[([^\]]*)\]/g)) {
    const next: unknown[] = [];
    for (const value of values) {
      if (field !== undefined) {
        if (field === '*' && value && typeof value === 'object')
          next.push(...Object.values(value as Record<string, unknown>));
        else if (value && typeof value === 'object' && !Array.isArray(value) && field in value)
          next.push((value as Record<string, unknown>)[field]);
      } else if (Array.isArray(value)) {
        if (bracket === '*') next.push(...value);
        else {
          const position = Number(bracket);
          const item = value[position < 0 ? value.length + position : position];
          if (item !== undefined) next.push(item);
        }
      }
    }
    values = next;
  }
  return values;
}
