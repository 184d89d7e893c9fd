import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextFromInvocationConfig, type StepsLike } from './context';
import { checkQuestionsYaml } from './questions';

// The managed questions this repository ships, against the built integrations' declared graph:
// every integration of the registry (integrations.json at the workspace root).
const root = join(__dirname, '..', '..', '..', '..');
const integrations = (
  JSON.parse(readFileSync(join(root, 'integrations.json'), 'utf8')) as {
    integrations: { id: string; dir: string }[];
  }
).integrations.map(({ id, dir }) => ({
  name: id,
  dir: join(root, dir),
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built package, by its registry path
  config: (require(join(root, dir)) as { invocationConfig: StepsLike }).invocationConfig,
}));

describe.each(integrations)('$name managed questions', ({ name, dir, config }) => {
  const text = readFileSync(join(dir, 'jupiterone', 'questions', 'questions.yaml'), 'utf8');
  const ctx = contextFromInvocationConfig(config);

  it('are valid against the types and relationships the steps declare', () => {
    const result = checkQuestionsYaml(text, name, ctx);
    expect(result.problems).toEqual([]);
    // Not vacuous: the file has questions (a scaffolded integration starts with a few; the
    // next test asks for one per entity type).
    expect(result.questions).toBeGreaterThan(0);
  });

  it('cover every entity _type the integration produces', () => {
    const declared = config.integrationSteps.flatMap((s) => s.entities.map((e) => e._type));
    const unused = declared.filter((type) => !new RegExp(`\\b${type}\\b`).test(text));
    expect(unused).toEqual([]);
  });

  it('fail when a query names a type the integration does not declare (the check is live)', () => {
    // Types are prefixed with the id in snake case (acme-mdm -> acme_mdm_device).
    const prefix = name.replace(/-/g, '_');
    const broken = text.replace(`FIND ${prefix}_device`, `FIND ${prefix}_laptop`);
    expect(checkQuestionsYaml(broken, name, ctx).problems).toEqual([
      expect.stringContaining(`"${prefix}_laptop" is not a _type this integration declares`),
    ]);
  });
});
