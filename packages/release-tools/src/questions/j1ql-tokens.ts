/**
 * A small J1QL tokenizer: enough structure to lint managed questions
 * (clause order, aliases, entity selectors, relationship verbs) without a
 * full grammar. Keywords are case-insensitive in J1QL; identifiers keep case.
 */
export type TokenKind = 'word' | 'string' | 'number' | 'op' | 'punct' | 'param';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset in the query text, for messages. */
  at: number;
}

export interface TokenizeResult {
  tokens: Token[];
  errors: string[];
}

// Longest first so `!~=` wins over `!` and `~=`.
const OPERATORS = [
  '!~=',
  '!^=',
  '!$=',
  '~=',
  '^=',
  '$=',
  '!=',
  '>=',
  '<=',
  '=',
  '>',
  '<',
  '+',
  '-',
  '/',
  '%',
];
const PUNCT = new Set(['(', ')', '[', ']', ',', '|', '*', '!']);
const CLOSERS: Record<string, string> = { ')': '(', ']': '[' };

export function tokenize(query: string): TokenizeResult {
  const tokens: Token[] = [];
  const errors: string[] = [];
  const stack: { ch: string; at: number }[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < query.length && query[j] !== ch) j += query[j] === '\\' ? 2 : 1;
      if (j >= query.length) {
        errors.push(
          `unterminated ${ch === '"' ? 'double' : 'single'}-quoted string at offset ${i}`,
        );
        break;
      }
      tokens.push({ kind: 'string', text: query.slice(i + 1, j), at: i });
      i = j + 1;
      continue;
    }
    if (query.startsWith('{{', i)) {
      // A question parameter, e.g. {{app name}}: J1 asks the user for it.
      const end = query.indexOf('}}', i + 2);
      if (end < 0) {
        errors.push(`unterminated {{parameter}} at offset ${i}`);
        break;
      }
      tokens.push({ kind: 'param', text: query.slice(i + 2, end).trim(), at: i });
      i = end + 2;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(query.slice(i));
    if (num) {
      tokens.push({ kind: 'number', text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_@][A-Za-z0-9_.@]*/.exec(query.slice(i));
    if (word) {
      tokens.push({ kind: 'word', text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => query.startsWith(o, i));
    if (op) {
      // A lone `!` is not an operator: it is punctuation (negated traversal `THAT !HAS`).
      tokens.push({ kind: 'op', text: op, at: i });
      i += op.length;
      continue;
    }
    if (PUNCT.has(ch)) {
      if (ch === '(' || ch === '[') stack.push({ ch, at: i });
      const opener = CLOSERS[ch];
      if (opener) {
        const top = stack.pop();
        if (!top || top.ch !== opener) errors.push(`unbalanced '${ch}' at offset ${i}`);
      }
      tokens.push({ kind: 'punct', text: ch, at: i });
      i += 1;
      continue;
    }
    errors.push(`unexpected character '${ch}' at offset ${i}`);
    i += 1;
  }
  for (const open of stack) errors.push(`unclosed '${open.ch}' at offset ${open.at}`);
  return { tokens, errors };
}
