import { tokenize, type Token } from './j1ql-tokens';

/** What a query may refer to: the integration's declared graph plus the data model. */
export interface J1qlContext {
  /** `_type`s the integration declares (entities, relationship ends, mapped targets such as `employee`). */
  types: ReadonlySet<string>;
  /** Data-model entity classes (`Device`, `Person`...). */
  classes: ReadonlySet<string>;
  /** Relationship classes (`HAS`, `IS`, `ASSIGNED`...). */
  relationshipClasses: ReadonlySet<string>;
  /** Declared relationships, to catch a traversal the integration never produces. */
  relationships: readonly { sourceType: string; _class: string; targetType: string }[];
}

export interface Selector {
  /** `_type`s or classes; empty for `*`. */
  names: string[];
  alias?: string;
}

export interface PropertyReference {
  /** The selector's `_type`s/classes the property is read from. */
  names: string[];
  property: string;
}

export interface J1qlLintResult {
  errors: string[];
  selectors: Selector[];
  propertyRefs: PropertyReference[];
}

const CLAUSE_END = new Set(['AS', 'THAT', 'WHERE', 'RETURN', 'ORDER', 'SKIP', 'LIMIT']);
/** Words that end a RETURN list; a misplaced WHERE/THAT is then reported as out of order. */
const RETURN_END = ['ORDER', 'SKIP', 'LIMIT', 'WHERE', 'THAT', 'WITH', 'FIND'];
const COMPARISON = new Set([
  '=',
  '!=',
  '~=',
  '!~=',
  '^=',
  '!^=',
  '$=',
  '!$=',
  '>',
  '<',
  '>=',
  '<=',
]);
const AGGREGATES = new Set(['COUNT', 'MIN', 'MAX', 'AVG', 'SUM']);
/** Words that are values, not properties, inside conditions. */
const VALUE_WORDS = new Set(['TRUE', 'FALSE', 'NULL', 'UNDEFINED', 'DATE.NOW', 'AND', 'OR', 'NOT']);
const DURATION_UNITS = /^(second|minute|hour|day|week|month|year)s?$/i;
const TYPE_NAME = /^[a-z][a-z0-9_]*$/;
const CLASS_NAME = /^[A-Z][A-Za-z0-9]*$/;

class Cursor {
  pos = 0;
  constructor(readonly tokens: Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  next(): Token | undefined {
    const t = this.tokens[this.pos];
    this.pos += 1;
    return t;
  }
  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === 'word' && t.text.toUpperCase() === word;
  }
  isPunct(p: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === 'punct' && t.text === p;
  }
  done(): boolean {
    return this.pos >= this.tokens.length;
  }
}

/**
 * Lints one J1QL query: `FIND selector [WITH ...] [AS a] (THAT [!]VERB selector [WITH ...] [AS b])*
 * [WHERE ...] [RETURN ...] [ORDER BY ...] [SKIP n] [LIMIT n]`. Checks balanced quotes and brackets,
 * clause order, that every lower-case selector is a declared `_type` and every capitalized one a
 * data-model class, relationship verbs, traversals between the integration's own types, and that
 * every `alias.property` uses a declared alias.
 */
export function lintJ1ql(query: string, ctx: J1qlContext): J1qlLintResult {
  const { tokens, errors } = tokenize(query);
  const result: J1qlLintResult = { errors, selectors: [], propertyRefs: [] };
  if (errors.length > 0) return result;
  const c = new Cursor(tokens);
  const aliases = new Map<string, Selector | undefined>();
  const err = (msg: string, t?: Token) => errors.push(t ? `${msg} (at offset ${t.at})` : msg);

  if (!c.isWord('FIND')) {
    err('a query must start with FIND', c.peek());
    return result;
  }
  c.next();
  if (c.isWord('UNIQUE')) c.next();

  let current = parseSelector(c, ctx, err);
  if (!current) return result;
  result.selectors.push(current);
  for (;;) {
    if (c.isWord('WITH')) {
      c.next();
      parseConditions(c, current, aliases, result, err, 'WITH');
    }
    if (c.isWord('AS')) {
      c.next();
      const alias = c.next();
      if (alias?.kind !== 'word' || CLAUSE_END.has(alias.text.toUpperCase())) {
        err('AS must be followed by an alias name', alias);
        return result;
      }
      if (aliases.has(alias.text)) err(`alias "${alias.text}" is defined twice`, alias);
      aliases.set(alias.text, current);
      current.alias = alias.text;
      if (c.isWord('WITH')) {
        c.next();
        parseConditions(c, current, aliases, result, err, 'WITH');
      }
    }
    if (!c.isWord('THAT')) break;
    const that = c.next();
    const traversal = parseTraversal(c, ctx, err);
    if (!traversal) return result;
    if (traversal.alias) aliases.set(traversal.alias, undefined);
    const target = parseSelector(c, ctx, err);
    if (!target) return result;
    checkTraversal(current, traversal.verbs, target, ctx, (m) => err(m, that));
    result.selectors.push(target);
    current = target;
  }

  if (c.isWord('WHERE')) {
    c.next();
    parseConditions(c, undefined, aliases, result, err, 'WHERE');
  }
  const labels = new Set<string>();
  if (c.isWord('RETURN')) {
    c.next();
    parseReturn(c, aliases, labels, result, err);
  }
  if (c.isWord('ORDER')) {
    c.next();
    if (!c.isWord('BY')) err('ORDER must be followed by BY', c.peek());
    else c.next();
    parseOrderBy(c, aliases, labels, result, err);
  }
  for (const kw of ['SKIP', 'LIMIT']) {
    if (c.isWord(kw)) {
      c.next();
      const n = c.next();
      if (n?.kind !== 'number' && n?.kind !== 'param') err(`${kw} must be followed by a number`, n);
    }
  }
  if (!c.done())
    err(
      `unexpected "${c.peek()?.text}": clauses go FIND, WITH, AS, THAT, WHERE, RETURN, ORDER BY, SKIP, LIMIT`,
      c.peek(),
    );
  return result;
}

type Report = (msg: string, t?: Token) => void;

function checkName(name: string, t: Token, ctx: J1qlContext, err: Report): void {
  if (TYPE_NAME.test(name)) {
    if (!ctx.types.has(name))
      err(
        `"${name}" is not a _type this integration declares (${[...ctx.types].sort().join(', ')})`,
        t,
      );
  } else if (CLASS_NAME.test(name)) {
    if (!ctx.classes.has(name)) err(`"${name}" is not a JupiterOne data-model class`, t);
  } else {
    err(`"${name}" is neither a _type (snake_case) nor a class (PascalCase)`, t);
  }
}

function parseSelector(c: Cursor, ctx: J1qlContext, err: Report): Selector | undefined {
  const t = c.next();
  if (!t) {
    err('expected an entity _type, class, (a|b) or * after FIND/THAT');
    return undefined;
  }
  if (t.kind === 'punct' && t.text === '*') return { names: [] };
  if (t.kind === 'punct' && t.text === '(') {
    const names: string[] = [];
    for (;;) {
      const n = c.next();
      if (n?.kind !== 'word') {
        err('expected a _type or class inside ( | )', n ?? t);
        return undefined;
      }
      checkName(n.text, n, ctx, err);
      names.push(n.text);
      const sep = c.next();
      if (sep?.kind === 'punct' && sep.text === ')') break;
      if (!(sep?.kind === 'punct' && sep.text === '|')) {
        err('expected | or ) in a selector list', sep ?? n);
        return undefined;
      }
    }
    return { names };
  }
  if (
    t.kind !== 'word' ||
    CLAUSE_END.has(t.text.toUpperCase()) ||
    t.text.toUpperCase() === 'WITH'
  ) {
    err(`expected an entity _type, class, (a|b) or * but found "${t.text}"`, t);
    return undefined;
  }
  checkName(t.text, t, ctx, err);
  return { names: [t.text] };
}

function parseTraversal(
  c: Cursor,
  ctx: J1qlContext,
  err: Report,
): { verbs: string[]; alias?: string } | undefined {
  if (c.isPunct('!')) c.next();
  const verbs: string[] = [];
  const readVerb = (): boolean => {
    const v = c.next();
    if (v?.kind !== 'word') {
      err('THAT must be followed by a relationship class such as HAS or IS', v);
      return false;
    }
    const upper = v.text.toUpperCase();
    if (upper === 'RELATES') {
      if (!c.isWord('TO')) err('RELATES must be followed by TO', c.peek());
      else c.next();
      verbs.push('RELATES TO');
      return true;
    }
    if (v.text !== upper) err(`relationship class "${v.text}" should be upper case`, v);
    if (!ctx.relationshipClasses.has(upper)) err(`"${v.text}" is not a relationship class`, v);
    verbs.push(upper);
    return true;
  };
  if (c.isPunct('(')) {
    c.next();
    for (;;) {
      if (!readVerb()) return undefined;
      const sep = c.next();
      if (sep?.kind === 'punct' && sep.text === ')') break;
      if (!(sep?.kind === 'punct' && sep.text === '|')) {
        err('expected | or ) in a relationship list', sep);
        return undefined;
      }
    }
  } else if (!readVerb()) return undefined;
  if (c.isWord('AS') && c.peek(1)?.kind === 'word') {
    c.next();
    return { verbs, alias: c.next()?.text };
  }
  return { verbs };
}

function checkTraversal(
  from: Selector,
  verbs: string[],
  to: Selector,
  ctx: J1qlContext,
  err: (m: string) => void,
): void {
  const [a] = from.names;
  const [b] = to.names;
  if (from.names.length !== 1 || to.names.length !== 1 || a === undefined || b === undefined)
    return;
  if (!ctx.types.has(a) || !ctx.types.has(b)) return; // a class or another integration's type: not ours to check
  const anyVerb = verbs.includes('RELATES TO');
  const found = ctx.relationships.some(
    (r) =>
      (anyVerb || verbs.includes(r._class.toUpperCase())) &&
      ((r.sourceType === a && r.targetType === b) || (r.sourceType === b && r.targetType === a)),
  );
  if (!found) err(`no declared relationship ${a} ${verbs.join('|')} ${b} (in either direction)`);
}

function aliasOf(word: string): string | undefined {
  const dot = word.indexOf('.');
  return dot > 0 ? word.slice(0, dot) : undefined;
}

function parseConditions(
  c: Cursor,
  selector: Selector | undefined,
  aliases: Map<string, Selector | undefined>,
  result: J1qlLintResult,
  err: Report,
  clause: 'WITH' | 'WHERE',
): void {
  let depth = 0;
  let sawComparison = false;
  const start = c.pos;
  while (!c.done()) {
    const t = c.peek() as Token;
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[')) depth += 1;
    if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) depth -= 1;
    if (depth === 0 && t.kind === 'word' && CLAUSE_END.has(t.text.toUpperCase())) break;
    c.next();
    if (t.kind !== 'word') {
      if (t.kind === 'op' && COMPARISON.has(t.text)) sawComparison = true;
      continue;
    }
    const upper = t.text.toUpperCase();
    if (VALUE_WORDS.has(upper) || DURATION_UNITS.test(t.text)) continue;
    const nextTok = c.peek();
    const isProperty = nextTok?.kind === 'op' && COMPARISON.has(nextTok.text);
    const prefix = aliasOf(t.text);
    if (prefix !== undefined && prefix !== 'date') {
      if (!aliases.has(prefix)) {
        err(`${clause} uses alias "${prefix}" which no AS defines`, t);
        continue;
      }
      const target = aliases.get(prefix);
      if (target)
        result.propertyRefs.push({
          names: target.names,
          property: t.text.slice(prefix.length + 1),
        });
    } else if (isProperty) {
      if (clause === 'WHERE') err(`WHERE property "${t.text}" must be written alias.property`, t);
      else if (selector) result.propertyRefs.push({ names: selector.names, property: t.text });
    }
  }
  if (c.pos === start) err(`${clause} has no condition`, c.peek());
  else if (!sawComparison)
    err(`${clause} has no comparison (=, !=, ~=, <, > ...)`, c.tokens[start]);
}

function parseReturn(
  c: Cursor,
  aliases: Map<string, Selector | undefined>,
  labels: Set<string>,
  result: J1qlLintResult,
  err: Report,
): void {
  if (c.isWord('TREE')) {
    c.next();
    return;
  }
  const start = c.pos;
  while (!c.done() && !RETURN_END.some((w) => c.isWord(w))) {
    const t = c.next() as Token;
    if (t.kind !== 'word') continue;
    const upper = t.text.toUpperCase();
    if (upper === 'AS') {
      const label = c.next();
      if (label?.kind !== 'word' && label?.kind !== 'string')
        err('RETURN ... AS must be followed by a label', label);
      else labels.add(label.text);
      continue;
    }
    if (AGGREGATES.has(upper) && c.isPunct('(')) continue;
    if (upper === 'DISTINCT') continue;
    referenceAlias(t, aliases, result, err, 'RETURN');
  }
  if (c.pos === start) err('RETURN lists nothing', c.peek());
}

function parseOrderBy(
  c: Cursor,
  aliases: Map<string, Selector | undefined>,
  labels: Set<string>,
  result: J1qlLintResult,
  err: Report,
): void {
  const start = c.pos;
  while (!c.done() && !RETURN_END.slice(1).some((w) => c.isWord(w))) {
    const t = c.next() as Token;
    if (t.kind !== 'word') continue;
    const upper = t.text.toUpperCase();
    if (upper === 'ASC' || upper === 'DESC' || labels.has(t.text)) continue;
    if (AGGREGATES.has(upper) && c.isPunct('(')) continue;
    referenceAlias(t, aliases, result, err, 'ORDER BY');
  }
  if (c.pos === start) err('ORDER BY lists nothing', c.peek());
}

function referenceAlias(
  t: Token,
  aliases: Map<string, Selector | undefined>,
  result: J1qlLintResult,
  err: Report,
  clause: string,
): void {
  const prefix = aliasOf(t.text) ?? t.text;
  if (!aliases.has(prefix)) {
    err(`${clause} uses "${t.text}" but no AS defines alias "${prefix}"`, t);
    return;
  }
  const target = aliases.get(prefix);
  const property = t.text.slice(prefix.length + 1);
  if (target && property && property !== '*')
    result.propertyRefs.push({ names: target.names, property });
}
