import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { invocationConfig as esper } from '@mdm-graph/integration-esper';
import { invocationConfig as kandji } from '@mdm-graph/integration-kandji';
import { describe, expect, it } from 'vitest';
import { contextFromInvocationConfig, type StepsLike } from './context';
import { checkQuestionsYaml } from './questions';

// The managed questions this repository ships, against the built integrations' declared graph.
const integrations: { name: string; pkg: string; config: StepsLike }[] = [
  { name: 'kandji', pkg: '@mdm-graph/integration-kandji', config: kandji },
  { name: 'esper', pkg: '@mdm-graph/integration-esper', config: esper },
];

describe.each(integrations)('$name managed questions', ({ name, pkg, config }) => {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const text = readFileSync(join(dir, 'jupiterone', 'questions', 'questions.yaml'), 'utf8');
  const ctx = contextFromInvocationConfig(config);

  it('are valid against the types and relationships the steps declare', () => {
    const result = checkQuestionsYaml(text, name, ctx);
    expect(result.problems).toEqual([]);
    expect(result.questions).toBeGreaterThanOrEqual(10);
  });

  it('cover every entity _type the integration produces', () => {
    const declared = config.integrationSteps.flatMap((s) => s.entities.map((e) => e._type));
    const unused = declared.filter((type) => !new RegExp(`\\b${type}\\b`).test(text));
    expect(unused).toEqual([]);
  });

  it('fail when a query names a type the integration does not declare (the check is live)', () => {
    const broken = text.replace(`FIND ${name}_device`, `FIND ${name}_laptop`);
    expect(checkQuestionsYaml(broken, name, ctx).problems).toEqual([
      expect.stringContaining(`"${name}_laptop" is not a _type this integration declares`),
    ]);
  });
});
