/**
 * The shell language the sandbox's `sh -c` understands: simple commands joined by `;`, `&&`,
 * `||` and newlines, with quoting ('…', "…", \), `$NAME`, `${NAME}` and `$?`, comments, and
 * the redirections probes use (`>/dev/null`, `2>/dev/null`, `2>&1`, `>&2`). Anything else —
 * pipes, `$(…)`, loops, background jobs — is reported as unsupported rather than run wrong.
 */

/** A piece of a word: literal text, or text whose `$…` expands (unquoted or in "…"). */
export interface WordPart {
  text: string;
  expands: boolean;
}

export type Word = WordPart[];

export interface Redirection {
  /** 1 (stdout) or 2 (stderr). */
  from: 1 | 2;
  /** `/dev/null`, or the other stream. */
  to: 'null' | 1 | 2;
}

export interface SimpleCommand {
  words: Word[];
  redirections: Redirection[];
}

/** A command and how it joins the one before it. */
export interface ListItem {
  joiner: ';' | '&&' | '||';
  command: SimpleCommand;
}

export type ShellSyntax = { ok: true; list: ListItem[] } | { ok: false; unsupported: string };

type Token = { type: 'word'; word: Word } | { type: 'op'; op: string };

const unsupportedKeywords = new Set([
  'for',
  'while',
  'until',
  'if',
  'case',
  'function',
  'select',
  '{',
  '(',
]);

function tokenize(source: string): Token[] | { unsupported: string } {
  const tokens: Token[] = [];
  let word: Word | undefined;
  const add = (text: string, expands: boolean) => {
    word ??= [];
    const last = word[word.length - 1];
    if (last && last.expands === expands) last.text += text;
    else word.push({ text, expands });
  };
  const endWord = () => {
    if (word) tokens.push({ type: 'word', word });
    word = undefined;
  };
  for (let at = 0; at < source.length; at++) {
    const char = source[at]!;
    const rest = source.slice(at);
    if (char === '\\') {
      if (source[at + 1] === '\n') {
        at++;
        continue;
      }
      add(source[at + 1] ?? '', false);
      at++;
      continue;
    }
    if (char === "'") {
      const end = source.indexOf("'", at + 1);
      if (end < 0) return { unsupported: 'an unterminated quoted string' };
      add(source.slice(at + 1, end), false);
      // An empty '' still makes a word.
      word ??= [{ text: '', expands: false }];
      at = end;
      continue;
    }
    if (char === '"') {
      let at2 = at + 1;
      let text = '';
      for (; at2 < source.length && source[at2] !== '"'; at2++) {
        if (source[at2] === '\\' && '"\\$`'.includes(source[at2 + 1] ?? '')) {
          text += source[++at2];
          continue;
        }
        if (source[at2] === '`' || source.startsWith('$(', at2))
          return { unsupported: 'command substitution' };
        text += source[at2];
      }
      if (at2 >= source.length) return { unsupported: 'an unterminated quoted string' };
      add(text, true);
      word ??= [{ text: '', expands: false }];
      at = at2;
      continue;
    }
    if (char === '`' || rest.startsWith('$(')) return { unsupported: 'command substitution' };
    if (char === '#' && !word) {
      const end = source.indexOf('\n', at);
      at = end < 0 ? source.length : end - 1;
      continue;
    }
    const redirect = /^(?:(&>)|([12]?)>(>?)(?:&([12]))?)/.exec(rest);
    if (redirect && !word) {
      endWord();
      tokens.push({ type: 'op', op: redirect[0] });
      at += redirect[0].length - 1;
      continue;
    }
    const op = /^(&&|\|\||;|\n|\||&|<|>)/.exec(rest);
    if (op) {
      endWord();
      tokens.push({ type: 'op', op: op[0] });
      at += op[0].length - 1;
      continue;
    }
    if (char === ' ' || char === '\t') {
      endWord();
      continue;
    }
    add(char, true);
  }
  endWord();
  return tokens;
}

function literal(word: Word): string {
  return word.map((part) => part.text).join('');
}

export function parseShell(source: string): ShellSyntax {
  const tokens = tokenize(source);
  if (!Array.isArray(tokens)) return { ok: false, unsupported: tokens.unsupported };
  const list: ListItem[] = [];
  let joiner: ListItem['joiner'] = ';';
  let command: SimpleCommand = { words: [], redirections: [] };
  const finish = (next: ListItem['joiner']) => {
    if (command.words.length > 0) list.push({ joiner, command });
    command = { words: [], redirections: [] };
    joiner = next;
  };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.type === 'word') {
      if (command.words.length === 0 && unsupportedKeywords.has(literal(token.word)))
        return { ok: false, unsupported: `'${literal(token.word)}'` };
      command.words.push(token.word);
      continue;
    }
    const { op } = token;
    if (op === ';' || op === '\n' || op === '&&' || op === '||') {
      finish(op === '\n' ? ';' : (op as ListItem['joiner']));
      continue;
    }
    if (op === '|') return { ok: false, unsupported: 'pipes' };
    if (op === '&') return { ok: false, unsupported: 'background jobs' };
    if (op === '<') return { ok: false, unsupported: 'input redirection' };
    // An output redirection: `>x`, `2>x`, `>>x`, `2>&1`, `>&2`, `&>x`.
    const match = /^(&>)|^([12]?)>(>?)(?:&([12]))?$/.exec(op)!;
    const from: 1 | 2 = match[2] === '2' ? 2 : 1;
    if (match[4]) {
      command.redirections.push({ from, to: Number(match[4]) as 1 | 2 });
      continue;
    }
    const target = tokens[index + 1];
    if (target?.type !== 'word') return { ok: false, unsupported: 'a redirection without a file' };
    index++;
    if (literal(target.word) !== '/dev/null')
      return { ok: false, unsupported: `writing to files (${literal(target.word)})` };
    command.redirections.push({ from, to: 'null' });
    if (match[1]) command.redirections.push({ from: 2, to: 'null' });
  }
  finish(';');
  return { ok: true, list };
}

/** A word with `$NAME`, `${NAME}` and `$?` expanded in the parts that expand. */
export function expandWord(word: Word, variables: (name: string) => string): string {
  return word
    .map((part) =>
      part.expands
        ? part.text.replace(
            /\$(\?|[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})/g,
            (_, name: string) => variables(name.replace(/^\{|\}$/g, '')),
          )
        : part.text,
    )
    .join('');
}
