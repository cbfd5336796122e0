import { resourceCatalog } from '../sandbox/resources/catalog.ts';
import { groupVersion, type ResourceDefinition } from '../sandbox/resources/resource-definition.ts';
import { jsonPathProblem } from './json-path.ts';

/**
 * The kubectl commands a lesson can show, run through the Cluster interface rather than a
 * kubectl binary (so they work wherever the tutor does): `get`, `delete` and `scale`, with the
 * flags lessons need. Anything else is an authoring mistake the lesson checker reports.
 */
export type KubectlCommand = GetCommand | DeleteCommand | ScaleCommand;

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string };

export interface GetCommand {
  verb: 'get';
  /** Each requested type, with the names asked for (empty: all, filtered by the selector). */
  targets: { type: ResourceDefinition; names: string[] }[];
  output: OutputFormat;
  selector?: string;
  showLabels: boolean;
  namespace?: string;
  allNamespaces: boolean;
}

export interface DeleteCommand {
  verb: 'delete';
  type: ResourceDefinition;
  names: string[];
  selector?: string;
  namespace?: string;
  /** kubectl waits for the objects to be gone unless `--wait=false`. */
  wait: boolean;
}

export interface ScaleCommand {
  verb: 'scale';
  type: ResourceDefinition;
  name: string;
  replicas: number;
  namespace?: string;
}

export type Parsed = { command: KubectlCommand } | { error: string };

export const supportedVerbs = ['get', 'delete', 'scale'] as const;

/** Splits a command line the way a shell would for simple quoting: '…', "…" and backslashes. */
export function shellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && index + 1 < line.length) current += line[++index];
      else current += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && index + 1 < line.length) {
      current += line[++index];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(current);
  return words;
}

/** Resolves `pods`, `pod`, `po`, `deployments.apps`, `svc` … as kubectl's RESTMapper would. */
export function resourceTypeOf(word: string): ResourceDefinition | undefined {
  const lower = word.toLowerCase();
  const [name = '', ...groupParts] = lower.split('.');
  const group = groupParts.join('.');
  return resourceCatalog.find(
    (def) =>
      (group === '' || def.group === group) &&
      (def.plural === name ||
        def.singular === name ||
        def.shortNames.includes(name) ||
        def.kind.toLowerCase() === name),
  );
}

/** `deployment.apps`, `pod`: how kubectl names a resource type in its messages. */
export function qualifiedType(def: ResourceDefinition): string {
  return def.group ? `${def.singular}.${def.group}` : def.singular;
}

export function apiVersionOf(def: ResourceDefinition): string {
  return groupVersion(def);
}

interface Flags {
  output?: string;
  selector?: string;
  namespace?: string;
  allNamespaces: boolean;
  showLabels: boolean;
  replicas?: string;
  wait: boolean;
}

export function parseKubectl(line: string): Parsed {
  const words = shellWords(line.replace(/^kubectl\s+/, ''));
  if (!words) return { error: 'unbalanced quotes' };
  const first = words.find((word) => !word.startsWith('-'));
  if (first !== undefined && !(supportedVerbs as readonly string[]).includes(first))
    return {
      error: `unsupported command "kubectl ${first}" (lessons can run ${supportedVerbs.join(', ')})`,
    };
  const positional: string[] = [];
  const flags: Flags = { allNamespaces: false, showLabels: false, wait: true };
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (!word.startsWith('-')) {
      positional.push(word);
      continue;
    }
    const [flag, inline] = word.includes('=')
      ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
      : [word, undefined];
    const value = (): string | undefined => inline ?? words[++index];
    switch (flag) {
      case '-o':
      case '--output':
        flags.output = value();
        break;
      case '-l':
      case '--selector':
        flags.selector = value();
        break;
      case '-n':
      case '--namespace':
        flags.namespace = value();
        break;
      case '-A':
      case '--all-namespaces':
        flags.allNamespaces = true;
        break;
      case '--show-labels':
        flags.showLabels = true;
        break;
      case '--replicas':
        flags.replicas = value();
        break;
      case '--wait':
        flags.wait = inline !== 'false';
        break;
      default:
        return { error: `unsupported flag ${flag}` };
    }
  }
  const [verb, ...args] = positional;
  if (!verb) return { error: 'no command' };
  if (!(supportedVerbs as readonly string[]).includes(verb))
    return {
      error: `unsupported command "kubectl ${verb}" (lessons can run ${supportedVerbs.join(', ')})`,
    };
  if (flags.selector !== undefined && flags.selector === '') return { error: 'empty selector' };
  if (verb === 'get') return parseGet(args, flags);
  if (verb === 'delete') return parseDelete(args, flags);
  return parseScale(args, flags);
}

/** `pods`, `pods,svc`, `pod/a pod/b`, `pods a b`. */
function targetsOf(args: string[]): { targets: GetCommand['targets'] } | { error: string } {
  if (args.length === 0) return { error: 'you must specify the type of resource to get' };
  const targets: GetCommand['targets'] = [];
  if (args.every((arg) => arg.includes('/'))) {
    for (const arg of args) {
      const [typeWord = '', name = ''] = arg.split('/');
      const type = resourceTypeOf(typeWord);
      if (!type) return { error: `the server doesn't have a resource type "${typeWord}"` };
      const existing = targets.find((target) => target.type === type);
      if (existing) existing.names.push(name);
      else targets.push({ type, names: [name] });
    }
    return { targets };
  }
  const [typeList = '', ...names] = args;
  for (const typeWord of typeList.split(',')) {
    const type = resourceTypeOf(typeWord);
    if (!type) return { error: `the server doesn't have a resource type "${typeWord}"` };
    targets.push({ type, names });
  }
  if (targets.length > 1 && names.length > 0)
    return { error: 'names cannot be given with several resource types' };
  return { targets };
}

function outputOf(text: string | undefined): OutputFormat | { error: string } {
  if (text === undefined) return { kind: 'table', wide: false };
  if (text === 'wide') return { kind: 'table', wide: true };
  if (text === 'yaml' || text === 'json' || text === 'name') return { kind: text };
  if (text.startsWith('jsonpath=')) {
    const template = text.slice('jsonpath='.length);
    const problem = jsonPathProblem(template);
    return problem ? { error: problem } : { kind: 'jsonpath', template };
  }
  return {
    error: `unsupported output format "${text}" (lessons can use wide, yaml, json, name, jsonpath=…)`,
  };
}

function parseGet(args: string[], flags: Flags): Parsed {
  const targets = targetsOf(args);
  if ('error' in targets) return targets;
  const output = outputOf(flags.output);
  if ('error' in output) return output;
  return {
    command: {
      verb: 'get',
      targets: targets.targets,
      output,
      selector: flags.selector,
      showLabels: flags.showLabels,
      namespace: flags.namespace,
      allNamespaces: flags.allNamespaces,
    },
  };
}

function parseDelete(args: string[], flags: Flags): Parsed {
  const targets = targetsOf(args);
  if ('error' in targets) return targets;
  if (targets.targets.length !== 1) return { error: 'delete one resource type at a time' };
  const [{ type, names }] = targets.targets as [GetCommand['targets'][number]];
  if (names.length === 0 && !flags.selector)
    return { error: 'resource(s) were provided, but no name was specified (give names or -l)' };
  if (flags.output !== undefined) return { error: 'delete takes no -o' };
  return {
    command: {
      verb: 'delete',
      type,
      names,
      selector: flags.selector,
      namespace: flags.namespace,
      wait: flags.wait,
    },
  };
}

function parseScale(args: string[], flags: Flags): Parsed {
  const targets = targetsOf(args);
  if ('error' in targets) return targets;
  const [first] = targets.targets;
  if (targets.targets.length !== 1 || first?.names.length !== 1)
    return { error: 'scale one object: kubectl scale deployment/<name> --replicas=<n>' };
  if (!['Deployment', 'ReplicaSet'].includes(first.type.kind))
    return { error: `cannot scale ${first.type.plural}` };
  const replicas = Number(flags.replicas);
  if (flags.replicas === undefined || !Number.isInteger(replicas) || replicas < 0)
    return { error: 'scale needs --replicas=<a whole number>' };
  return {
    command: {
      verb: 'scale',
      type: first.type,
      name: first.names[0]!,
      replicas,
      namespace: flags.namespace,
    },
  };
}
