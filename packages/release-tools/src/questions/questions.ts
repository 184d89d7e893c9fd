import { parseDocument } from 'yaml';
import { lintJ1ql, type J1qlContext, type PropertyReference } from './j1ql';

/**
 * JupiterOne managed questions (`jupiterone/questions/questions.yaml`), as the
 * J1 integration deployment reads them: one `sourceId: managed:<integration>`,
 * the literal `${integration_definition_id}` placeholder that J1 fills in at
 * deploy time, and questions with J1QL queries.
 */
export interface ManagedQuery {
  name?: string;
  query: string;
  resultsAre?: 'GOOD' | 'BAD' | 'INFORMATIVE' | 'UNKNOWN';
}
export interface ManagedQuestion {
  id: string;
  title: string;
  description: string;
  queries: ManagedQuery[];
  tags: string[];
}
export interface QuestionsFile {
  sourceId: string;
  integrationDefinitionId: string;
  questions: ManagedQuestion[];
}

export interface QuestionsCheck {
  problems: string[];
  questions: number;
  queries: number;
  /** Properties the queries read, per selector: compare with collected entities. */
  propertyRefs: (PropertyReference & { questionId: string })[];
}

const QUESTION_KEYS = new Set(['id', 'title', 'description', 'queries', 'tags', 'compliance']);
const QUERY_KEYS = new Set(['name', 'query', 'resultsAre']);
const RESULTS_ARE = new Set(['GOOD', 'BAD', 'INFORMATIVE', 'UNKNOWN']);
export const INTEGRATION_DEFINITION_PLACEHOLDER = '${integration_definition_id}';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

/**
 * Checks a questions.yaml text for integration `integration` (e.g. "kandji"): YAML syntax,
 * the managed-question schema, unique ids, and every query with {@link lintJ1ql}.
 * Returns every problem found rather than stopping at the first.
 */
export function checkQuestionsYaml(
  text: string,
  integration: string,
  ctx: J1qlContext,
): QuestionsCheck {
  const out: QuestionsCheck = { problems: [], questions: 0, queries: 0, propertyRefs: [] };
  const problem = (where: string, msg: string) => out.problems.push(`${where}: ${msg}`);
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line;
      problem(line ? `yaml line ${line}` : 'yaml', e.message.split('\n')[0] ?? e.message);
    }
    return out;
  }
  const data: unknown = doc.toJS();
  if (!isRecord(data)) {
    problem('file', 'must be a YAML mapping with sourceId, integrationDefinitionId and questions');
    return out;
  }
  for (const key of Object.keys(data)) {
    if (!['sourceId', 'integrationDefinitionId', 'questions'].includes(key))
      problem('file', `unknown key "${key}"`);
  }
  if (data.sourceId !== `managed:${integration}`)
    problem('sourceId', `must be "managed:${integration}" (got ${JSON.stringify(data.sourceId)})`);
  if (data.integrationDefinitionId !== INTEGRATION_DEFINITION_PLACEHOLDER) {
    problem(
      'integrationDefinitionId',
      `must be the literal "${INTEGRATION_DEFINITION_PLACEHOLDER}" that J1 fills in at deploy time`,
    );
  }
  if (!Array.isArray(data.questions) || data.questions.length === 0) {
    problem('questions', 'must be a non-empty list');
    return out;
  }
  const ids = new Set<string>();
  const titles = new Set<string>();
  const idPattern = new RegExp(`^integration-question-${integration}-[a-z0-9]+(-[a-z0-9]+)*$`);
  data.questions.forEach((q: unknown, index: number) => {
    const where = `questions[${index}]${isRecord(q) && typeof q.id === 'string' ? ` (${q.id})` : ''}`;
    out.questions += 1;
    if (!isRecord(q)) {
      problem(where, 'must be a mapping');
      return;
    }
    for (const key of Object.keys(q))
      if (!QUESTION_KEYS.has(key)) problem(where, `unknown key "${key}"`);
    if (!nonEmptyString(q.id)) problem(where, 'id is required');
    else {
      if (!idPattern.test(q.id)) problem(where, `id must match ${idPattern.source}`);
      if (ids.has(q.id)) problem(where, `duplicate id "${q.id}"`);
      ids.add(q.id);
    }
    if (!nonEmptyString(q.title)) problem(where, 'title is required');
    else {
      if (!q.title.trim().endsWith('?')) problem(where, 'title must be a question (end with "?")');
      if (titles.has(q.title)) problem(where, `duplicate title "${q.title}"`);
      titles.add(q.title);
    }
    if (!nonEmptyString(q.description)) problem(where, 'description is required');
    if (!Array.isArray(q.tags) || q.tags.length === 0 || !q.tags.every(nonEmptyString)) {
      problem(where, 'tags must be a non-empty list of strings');
    } else if (!q.tags.includes(integration)) problem(where, `tags must include "${integration}"`);
    if (!Array.isArray(q.queries) || q.queries.length === 0) {
      problem(where, 'queries must be a non-empty list of { name?, query, resultsAre? }');
      return;
    }
    const names = new Set<string>();
    q.queries.forEach((entry: unknown, qi: number) => {
      const qwhere = `${where} queries[${qi}]`;
      out.queries += 1;
      if (!isRecord(entry)) {
        problem(qwhere, 'must be a mapping with a query');
        return;
      }
      for (const key of Object.keys(entry))
        if (!QUERY_KEYS.has(key)) problem(qwhere, `unknown key "${key}"`);
      if (entry.name !== undefined) {
        if (!nonEmptyString(entry.name)) problem(qwhere, 'name must be a non-empty string');
        else if (names.has(entry.name)) problem(qwhere, `duplicate query name "${entry.name}"`);
        else names.add(entry.name);
      }
      if (entry.resultsAre !== undefined && !RESULTS_ARE.has(String(entry.resultsAre))) {
        problem(qwhere, `resultsAre must be one of ${[...RESULTS_ARE].join(', ')}`);
      }
      if (!nonEmptyString(entry.query)) {
        problem(qwhere, 'query is required');
        return;
      }
      const lint = lintJ1ql(entry.query, ctx);
      for (const e of lint.errors) problem(qwhere, e);
      for (const ref of lint.propertyRefs)
        out.propertyRefs.push({ ...ref, questionId: String(q.id) });
    });
    if (q.queries.length > 1 && names.size !== q.queries.length)
      problem(where, 'several queries need a distinct name each');
  });
  return out;
}
