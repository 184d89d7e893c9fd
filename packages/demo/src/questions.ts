import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ManagedQuestion {
  id: string;
  title: string;
  queries: { name?: string; resultsAre?: string; query: string }[];
}

/**
 * The managed questions an integration package ships
 * (`jupiterone/questions/questions.yaml`), read from the workspace so the report
 * shows the same J1QL a JupiterOne user finds in the question library.
 */
export function loadManagedQuestions(
  integration: string,
  packagesDir = join(__dirname, '..', '..'),
): ManagedQuestion[] {
  const file = join(
    packagesDir,
    `integration-${integration}`,
    'jupiterone',
    'questions',
    'questions.yaml',
  );
  if (!existsSync(file)) return [];
  const doc = parse(readFileSync(file, 'utf8')) as { questions?: unknown[] } | null;
  const out: ManagedQuestion[] = [];
  for (const q of doc?.questions ?? []) {
    const rec = q as Partial<ManagedQuestion>;
    if (typeof rec.id !== 'string' || typeof rec.title !== 'string' || !Array.isArray(rec.queries))
      continue;
    out.push({
      id: rec.id,
      title: rec.title,
      queries: rec.queries.filter(
        (x): x is ManagedQuestion['queries'][number] => typeof x?.query === 'string',
      ),
    });
  }
  return out;
}

/**
 * The first managed question one of whose queries contains every fragment (case
 * and whitespace insensitive), with that query. Matching on the query text rather
 * than on question ids keeps the report right when questions are renamed or added.
 */
export function findQuestion(
  questions: ManagedQuestion[],
  fragments: string[],
): { question: ManagedQuestion; query: string } | undefined {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  for (const question of questions)
    for (const q of question.queries) {
      const text = norm(q.query);
      if (fragments.every((f) => text.includes(norm(f))))
        return { question, query: q.query.trim() };
    }
  return undefined;
}
