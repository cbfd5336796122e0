import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { isDns1123Subdomain, isWildcardDns1123Subdomain } from '../sandbox/admission/formats.ts';
import type {
  ChallengeCheck,
  ExplainStep,
  ProbeExpectation,
  Step,
  StepBase,
  Vantage,
  WaitFor,
} from './lesson-types.ts';
import { probeFailures } from './lesson-types.ts';
import type { Field, YamlFields } from './yaml-fields.ts';

export const stepTypes = [
  'apply',
  'wait',
  'probe',
  'kubectl',
  'quiz',
  'challenge',
  'tlsSecret',
] as const;
type BlockStepType = (typeof stepTypes)[number];
/** Every step but `explain`, which is prose rather than a block. */
export type BlockStep = Exclude<Step, ExplainStep>;

/** The fields each step type accepts besides its own key and `id`. Data, so errors can list them. */
const allowedFields: Record<BlockStepType, readonly string[]> = {
  apply: ['show', 'expectError'],
  wait: ['selector', 'service', 'ingress', 'ready', 'notReady', 'timeout', 'save'],
  probe: ['from', 'count', 'headers', 'insecure', 'resolve', 'timeout', 'within', 'expect'],
  kubectl: ['save', 'expectOutput', 'expectError'],
  quiz: ['choices', 'answer', 'explanation'],
  challenge: ['start', 'startError', 'solution', 'timeout', 'check', 'hints'],
  tlsSecret: ['hosts'],
};

export const defaults = {
  waitTimeoutMs: 60_000,
  probeTimeoutMs: 3_000,
  challengeTimeoutMs: 20_000,
};

const waitKinds = ['pods', 'endpoints', 'loadBalancer', 'ingress'] as const;
const expectFields = ['status', 'body', 'bodyContains', 'fails', 'pods'] as const;
const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where a step block sits, and the id it gets unless it names its own. */
export interface StepPlace {
  section: string;
  defaultId: string;
  line: number;
}

/** Parses one step mapping; records problems and returns undefined when it cannot be used. */
export function parseStep(
  yaml: YamlFields,
  node: Node | null,
  place: StepPlace,
  inside?: 'challenge check',
): BlockStep | undefined {
  const fields = yaml.fields(node, inside ? 'a challenge check' : 'a step');
  if (!fields) return undefined;
  const typeFields = fields.filter((field) => (stepTypes as readonly string[]).includes(field.key));
  if (typeFields.length === 0) {
    const first = fields.find((field) => field.key !== 'id');
    yaml.report(
      first?.keyLine ?? place.line,
      first
        ? `unknown step type "${first.key}" (expected one of ${stepTypes.join(', ')})`
        : `empty step (expected one of ${stepTypes.join(', ')})`,
    );
    return undefined;
  }
  if (typeFields.length > 1) {
    yaml.report(
      typeFields[1]!.keyLine,
      `a step has one type, but this one has ${typeFields.map((f) => f.key).join(' and ')}`,
    );
    return undefined;
  }
  const typeField = typeFields[0]!;
  const type = typeField.key as BlockStepType;
  if (inside && type !== 'wait' && type !== 'probe') {
    yaml.report(typeField.keyLine, `a challenge check is a wait or a probe, not ${type}`);
    return undefined;
  }
  const byKey = new Map<string, Field>();
  for (const field of fields) {
    if (field === typeField) continue;
    if (field.key === 'id' && !inside) {
      byKey.set(field.key, field);
      continue;
    }
    if (!allowedFields[type].includes(field.key)) {
      yaml.report(
        field.keyLine,
        `unknown field "${field.key}" in a ${type} step (it takes: ${allowedFields[type].join(', ')})`,
      );
      continue;
    }
    byKey.set(field.key, field);
  }
  const idField = byKey.get('id');
  const id = idField ? yaml.string(idField) : place.defaultId;
  const base: StepBase = {
    id: id ?? place.defaultId,
    section: place.section,
    at: { file: yaml.file, line: typeField.keyLine },
  };
  const before = yaml.problemCount;
  const step = readers[type](yaml, typeField, byKey, base);
  return step && yaml.problemCount === before ? step : undefined;
}

type Reader = (
  yaml: YamlFields,
  typeField: Field,
  fields: Map<string, Field>,
  base: StepBase,
) => BlockStep | undefined;

const readers: Record<BlockStepType, Reader> = {
  apply(yaml, typeField, fields, base) {
    const files = yaml.stringList(typeField);
    const show = optional(fields, 'show', (f) => yaml.boolean(f));
    const expectError = optional(fields, 'expectError', (f) => yaml.string(f));
    if (!files) return undefined;
    return { ...base, type: 'apply', files, show: show ?? true, expectError };
  },

  wait(yaml, typeField, fields, base) {
    const kind = yaml.string(typeField);
    const timeoutMs =
      optional(fields, 'timeout', (f) => yaml.duration(f)) ?? defaults.waitTimeoutMs;
    if (kind === undefined) return undefined;
    const need = (key: string): string | undefined => {
      const field = fields.get(key);
      if (!field) {
        yaml.report(typeField.keyLine, `wait: ${kind} needs ${key}`);
        return undefined;
      }
      return yaml.string(field);
    };
    const ready = (): number | undefined => {
      const field = fields.get('ready');
      if (!field) {
        yaml.report(typeField.keyLine, `wait: ${kind} needs ready (how many must be ready)`);
        return undefined;
      }
      return yaml.integer(field);
    };
    const allowed: Record<(typeof waitKinds)[number], string[]> = {
      pods: ['selector', 'ready'],
      endpoints: ['service', 'ready', 'notReady'],
      loadBalancer: ['service', 'save'],
      ingress: ['ingress', 'save'],
    };
    if (!(waitKinds as readonly string[]).includes(kind)) {
      yaml.report(
        typeField.valueLine,
        `unknown wait "${kind}" (expected one of ${waitKinds.join(', ')})`,
      );
      return undefined;
    }
    const waitKind = kind as (typeof waitKinds)[number];
    for (const [key, field] of fields) {
      if (
        ['selector', 'service', 'ingress', 'ready', 'notReady', 'save'].includes(key) &&
        !allowed[waitKind].includes(key)
      )
        yaml.report(field.keyLine, `wait: ${kind} does not take ${key}`);
    }
    let condition: WaitFor | undefined;
    if (waitKind === 'pods') {
      const selector = need('selector');
      const count = ready();
      if (selector !== undefined && count !== undefined)
        condition = { kind: 'pods', selector, ready: count };
    } else if (waitKind === 'endpoints') {
      const service = need('service');
      const count = ready();
      const notReadyField = fields.get('notReady');
      const notReady = notReadyField ? yaml.integer(notReadyField) : undefined;
      if (service !== undefined && count !== undefined)
        condition = { kind: 'endpoints', service, ready: count, notReady };
    } else if (waitKind === 'loadBalancer') {
      const service = need('service');
      if (service !== undefined) condition = { kind: 'loadBalancer', service };
    } else {
      const ingress = need('ingress');
      if (ingress !== undefined) condition = { kind: 'ingress', ingress };
    }
    const saveField = fields.get('save');
    const save =
      saveField && allowed[waitKind].includes('save') ? variableOf(yaml, saveField) : undefined;
    if (!condition) return undefined;
    return { ...base, type: 'wait', for: condition, timeoutMs, ...(save ? { save } : {}) };
  },

  probe(yaml, typeField, fields, base) {
    const url = yaml.string(typeField);
    if (url !== undefined && !/^https?:\/\/[^/\s]+/.test(url))
      yaml.report(typeField.valueLine, `probe needs an http:// or https:// URL, not "${url}"`);
    const fromField = fields.get('from');
    if (!fromField)
      yaml.report(typeField.keyLine, 'probe needs from (pod/<name>, node/<name> or machine)');
    const from = fromField ? vantageOf(yaml, fromField) : undefined;
    const count = optional(fields, 'count', (f) => yaml.integer(f, 1)) ?? 1;
    const headers = optional(fields, 'headers', (f) => yaml.stringMap(f)) ?? {};
    const insecure = optional(fields, 'insecure', (f) => yaml.boolean(f)) ?? false;
    const resolveTo = optional(fields, 'resolve', (f) => yaml.string(f));
    const timeoutMs =
      optional(fields, 'timeout', (f) => yaml.duration(f)) ?? defaults.probeTimeoutMs;
    const withinMs = optional(fields, 'within', (f) => yaml.duration(f));
    const expectField = fields.get('expect');
    if (!expectField) yaml.report(typeField.keyLine, 'probe needs expect (what must be true)');
    const expect = expectField ? expectationOf(yaml, expectField) : undefined;
    if (url === undefined || !from || !expect) return undefined;
    return {
      ...base,
      type: 'probe',
      url,
      from,
      count,
      headers,
      insecure,
      resolveTo,
      timeoutMs,
      withinMs,
      expect,
    };
  },

  kubectl(yaml, typeField, fields, base) {
    const command = yaml.string(typeField)?.replace(/^kubectl\s+/, '');
    const save = optional(fields, 'save', (f) => variableOf(yaml, f));
    const expectOutput = optional(fields, 'expectOutput', (f) => yaml.string(f));
    const expectError = optional(fields, 'expectError', (f) => yaml.string(f));
    if (command === undefined) return undefined;
    return { ...base, type: 'kubectl', command, save, expectOutput, expectError };
  },

  quiz(yaml, typeField, fields, base) {
    const question = yaml.string(typeField);
    const choicesField = fields.get('choices');
    const answerField = fields.get('answer');
    const explanationField = fields.get('explanation');
    for (const [key, field] of [
      ['choices', choicesField],
      ['answer', answerField],
      ['explanation', explanationField],
    ] as const) {
      if (!field) yaml.report(typeField.keyLine, `quiz needs ${key}`);
    }
    const choices = choicesField ? yaml.stringList(choicesField) : undefined;
    if (choices && choices.length < 2)
      yaml.report(choicesField!.valueLine, 'a quiz needs at least two choices');
    const answerText = answerField ? yaml.string(answerField) : undefined;
    const explanation = explanationField ? yaml.string(explanationField) : undefined;
    const answer = choices && answerText !== undefined ? choices.indexOf(answerText) : -1;
    if (choices && answerText !== undefined && answer < 0)
      yaml.report(answerField!.valueLine, `the answer "${answerText}" is not one of the choices`);
    if (question === undefined || !choices || answer < 0 || explanation === undefined)
      return undefined;
    return { ...base, type: 'quiz', question, choices, answer, explanation };
  },

  challenge(yaml, typeField, fields, base) {
    const task = yaml.string(typeField);
    const start = required(
      yaml,
      typeField,
      fields,
      'start',
      'the manifest the learner starts from',
    );
    const startError = optional(fields, 'startError', (f) => yaml.string(f));
    const solution = required(yaml, typeField, fields, 'solution', 'the reference solution');
    const timeoutMs =
      optional(fields, 'timeout', (f) => yaml.duration(f)) ?? defaults.challengeTimeoutMs;
    const hints = optional(fields, 'hints', (f) => yaml.stringList(f)) ?? [];
    const checkField = fields.get('check');
    const check: ChallengeCheck[] = [];
    if (!checkField) {
      yaml.report(
        typeField.keyLine,
        'challenge needs check (the waits and probes that prove the fix)',
      );
    } else if (!isSeq(checkField.value) || checkField.value.items.length === 0) {
      yaml.report(checkField.valueLine, 'check must list waits and probes');
    } else {
      for (const [index, item] of (checkField.value.items as Node[]).entries()) {
        const parsed = parseStep(
          yaml,
          item,
          {
            section: base.section,
            defaultId: `${base.id}/check-${index + 1}`,
            line: yaml.lineOf(item),
          },
          'challenge check',
        );
        // A check's wait gets the challenge's timeout unless it names its own.
        const ownTimeout = isMap(item) && item.has('timeout');
        if (parsed?.type === 'wait') check.push(ownTimeout ? parsed : { ...parsed, timeoutMs });
        if (parsed?.type === 'probe')
          check.push({ ...parsed, withinMs: parsed.withinMs ?? timeoutMs });
      }
    }
    if (task === undefined || start === undefined || solution === undefined) return undefined;
    return {
      ...base,
      type: 'challenge',
      task,
      start,
      ...(startError !== undefined ? { startError } : {}),
      solution,
      timeoutMs,
      check,
      hints,
    };
  },

  tlsSecret(yaml, typeField, fields, base) {
    const name = yaml.string(typeField);
    if (name !== undefined && isDns1123Subdomain(name).length > 0)
      yaml.report(
        typeField.valueLine,
        `tlsSecret needs a Secret name (a DNS subdomain such as shop-tls), not "${name}"`,
      );
    const hostsField = fields.get('hosts');
    if (!hostsField)
      yaml.report(typeField.keyLine, 'tlsSecret needs hosts (the names the certificate is for)');
    const hosts = hostsField ? yaml.stringList(hostsField) : undefined;
    if (hosts?.length === 0)
      yaml.report(hostsField!.valueLine, 'hosts must name at least one host');
    for (const host of hosts ?? []) {
      const problems = host.startsWith('*.')
        ? isWildcardDns1123Subdomain(host)
        : isDns1123Subdomain(host);
      if (problems.length > 0)
        yaml.report(hostsField!.valueLine, `"${host}" is not a host name: ${problems[0]}`);
    }
    if (name === undefined || !hosts || hosts.length === 0) return undefined;
    return { ...base, type: 'tlsSecret', name, hosts };
  },
};

function optional<T>(
  fields: Map<string, Field>,
  key: string,
  read: (field: Field) => T | undefined,
): T | undefined {
  const field = fields.get(key);
  return field ? read(field) : undefined;
}

function required(
  yaml: YamlFields,
  typeField: Field,
  fields: Map<string, Field>,
  key: string,
  what: string,
): string | undefined {
  const field = fields.get(key);
  if (!field) {
    yaml.report(typeField.keyLine, `${typeField.key} needs ${key} (${what})`);
    return undefined;
  }
  return yaml.string(field);
}

/** A `save:` value: a name for `${name}` references. */
function variableOf(yaml: YamlFields, field: Field): string | undefined {
  const name = yaml.string(field);
  if (name !== undefined && !variableName.test(name)) {
    yaml.report(field.valueLine, `save needs a variable name (letters, digits, _), not "${name}"`);
    return undefined;
  }
  return name;
}

function vantageOf(yaml: YamlFields, field: Field): Vantage | undefined {
  const text = yaml.string(field);
  if (text === undefined) return undefined;
  if (text === 'machine') return { kind: 'machine' };
  const match = /^(pod|node)\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/.exec(text);
  if (match) return { kind: match[1] as 'pod' | 'node', name: match[2]! };
  yaml.report(field.valueLine, `from must be pod/<name>, node/<name> or machine, not "${text}"`);
  return undefined;
}

function expectationOf(yaml: YamlFields, field: Field): ProbeExpectation | undefined {
  const fields = yaml.fields(field.value, 'expect');
  if (!fields) return undefined;
  const expectation: ProbeExpectation = {};
  for (const entry of fields) {
    switch (entry.key) {
      case 'status': {
        const status = yaml.integer(entry, 100);
        if (status !== undefined) expectation.status = status;
        break;
      }
      case 'body': {
        const text = yaml.string(entry);
        if (text !== undefined) expectation.body = text;
        break;
      }
      case 'bodyContains': {
        const text = yaml.string(entry);
        if (text !== undefined) expectation.bodyContains = text;
        break;
      }
      case 'fails': {
        const failure = yaml.string(entry);
        const known = [...probeFailures, 'any'];
        if (failure !== undefined && !known.includes(failure))
          yaml.report(
            entry.valueLine,
            `fails must be one of ${known.join(', ')}, not "${failure}"`,
          );
        else if (failure !== undefined) expectation.fails = failure as ProbeExpectation['fails'];
        break;
      }
      case 'pods': {
        if (isScalar(entry.value)) {
          const exactly = yaml.integer(entry);
          if (exactly !== undefined) expectation.pods = { exactly };
        } else if (isMap(entry.value)) {
          const inner = yaml.fields(entry.value, 'pods');
          const atLeast = inner?.find((f) => f.key === 'atLeast');
          if (!atLeast || inner!.length !== 1)
            yaml.report(entry.valueLine, 'pods takes a number or {atLeast: <number>}');
          else {
            const count = yaml.integer(atLeast, 1);
            if (count !== undefined) expectation.pods = { atLeast: count };
          }
        } else yaml.report(entry.valueLine, 'pods takes a number or {atLeast: <number>}');
        break;
      }
      default:
        yaml.report(
          entry.keyLine,
          `unknown expectation "${entry.key}" (expected one of ${expectFields.join(', ')})`,
        );
    }
  }
  if (
    expectation.fails &&
    (expectation.status !== undefined ||
      expectation.bodyContains !== undefined ||
      expectation.body !== undefined)
  )
    yaml.report(field.keyLine, 'expect cannot ask for a failure and a response at once');
  if (Object.keys(expectation).length === 0)
    yaml.report(field.keyLine, `expect needs at least one of ${expectFields.join(', ')}`);
  return expectation;
}
