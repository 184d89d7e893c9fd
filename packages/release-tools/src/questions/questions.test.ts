import { describe, expect, it } from 'vitest';
import { type J1qlContext } from './j1ql';
import { checkQuestionsYaml } from './questions';
import { contextFromInvocationConfig } from './context';
import { checkPropertyReferences } from './properties';

const ctx: J1qlContext = contextFromInvocationConfig({
  integrationSteps: [
    { entities: [{ _type: 'acme_account' }], relationships: [] },
    {
      entities: [{ _type: 'acme_device' }],
      relationships: [
        {
          _type: 'acme_account_has_device',
          _class: 'HAS',
          sourceType: 'acme_account',
          targetType: 'acme_device',
        },
      ],
    },
    {
      entities: [{ _type: 'acme_user' }],
      relationships: [],
      mappedRelationships: [{ _class: 'IS', sourceType: 'acme_user', targetType: 'employee' }],
    },
  ],
});

const valid = `---
sourceId: managed:acme
integrationDefinitionId: "\${integration_definition_id}"
questions:
  - id: integration-question-acme-unencrypted-devices
    title: Which Acme devices are not encrypted?
    description: Devices whose disk encryption is off.
    queries:
      - name: bad
        resultsAre: BAD
        query: FIND acme_device WITH encrypted != true
      - name: good
        resultsAre: GOOD
        query: |
          FIND acme_device WITH encrypted = true AS d
          RETURN d.displayName, d.serial
    tags: [acme, device, encryption]
  - id: integration-question-acme-users-without-employee
    title: Which Acme users do not match an employee?
    description: Users not mapped to a Person.
    queries:
      - query: FIND acme_user THAT !IS employee
    tags: [acme, user]
`;

describe('checkQuestionsYaml', () => {
  it('accepts a valid managed-questions file and counts questions and queries', () => {
    const r = checkQuestionsYaml(valid, 'acme', ctx);
    expect(r.problems).toEqual([]);
    expect(r.questions).toBe(2);
    expect(r.queries).toBe(3);
    expect(r.propertyRefs).toContainEqual({
      names: ['acme_device'],
      property: 'serial',
      questionId: 'integration-question-acme-unencrypted-devices',
    });
  });

  it('reads declared types from the steps, including relationship ends and mapped targets', () => {
    expect([...ctx.types].sort()).toEqual(['acme_account', 'acme_device', 'acme_user', 'employee']);
    expect(ctx.classes.has('Device')).toBe(true);
    expect(ctx.relationshipClasses.has('INSTALLED')).toBe(true);
  });

  it('reports YAML syntax errors and duplicate keys', () => {
    expect(checkQuestionsYaml('questions: [', 'acme', ctx).problems[0]).toMatch(/^yaml: /);
    expect(checkQuestionsYaml('sourceId: a\nsourceId: b\n', 'acme', ctx).problems[0]).toMatch(
      /^yaml: .*unique/i,
    );
  });

  it('checks sourceId, the integrationDefinitionId placeholder and unknown top-level keys', () => {
    const text = valid
      .replace('managed:acme', 'managed:other')
      .replace('"${integration_definition_id}"', 'abc')
      .replace('questions:\n', 'extra: 1\nquestions:\n');
    expect(checkQuestionsYaml(text, 'acme', ctx).problems).toEqual([
      'file: unknown key "extra"',
      'sourceId: must be "managed:acme" (got "managed:other")',
      'integrationDefinitionId: must be the literal "${integration_definition_id}" that J1 fills in at deploy time',
    ]);
  });

  it('reports duplicate ids and titles, bad id prefixes, missing fields and tags', () => {
    const text = `sourceId: managed:acme
integrationDefinitionId: "\${integration_definition_id}"
questions:
  - id: integration-question-acme-a
    title: Which devices?
    description: d
    queries: [{ query: FIND acme_device }]
    tags: [acme]
  - id: integration-question-acme-a
    title: Which devices?
    description: ""
    queries: [{ query: FIND acme_device }]
    tags: [device]
  - id: question-acme-b
    title: Devices
    queries: []
    tags: []
    owner: me
`;
    expect(checkQuestionsYaml(text, 'acme', ctx).problems).toEqual([
      'questions[1] (integration-question-acme-a): duplicate id "integration-question-acme-a"',
      'questions[1] (integration-question-acme-a): duplicate title "Which devices?"',
      'questions[1] (integration-question-acme-a): description is required',
      'questions[1] (integration-question-acme-a): tags must include "acme"',
      'questions[2] (question-acme-b): unknown key "owner"',
      'questions[2] (question-acme-b): id must match ^integration-question-acme-[a-z0-9]+(-[a-z0-9]+)*$',
      'questions[2] (question-acme-b): title must be a question (end with "?")',
      'questions[2] (question-acme-b): description is required',
      'questions[2] (question-acme-b): tags must be a non-empty list of strings',
      'questions[2] (question-acme-b): queries must be a non-empty list of { name?, query, resultsAre? }',
    ]);
  });

  it('reports query-level problems with their position: J1QL errors, names, resultsAre', () => {
    const text = `sourceId: managed:acme
integrationDefinitionId: "\${integration_definition_id}"
questions:
  - id: integration-question-acme-q
    title: Which?
    description: d
    tags: [acme]
    queries:
      - name: x
        query: FIND acme_laptop
      - name: x
        resultsAre: TERRIBLE
        query: FIND acme_device WITH name = 'unclosed
      - query: ""
        limit: 3
`;
    const problems = checkQuestionsYaml(text, 'acme', ctx).problems;
    expect(problems).toEqual([
      expect.stringMatching(
        /^questions\[0\] \(integration-question-acme-q\) queries\[0\]: "acme_laptop" is not a _type/,
      ),
      'questions[0] (integration-question-acme-q) queries[1]: duplicate query name "x"',
      'questions[0] (integration-question-acme-q) queries[1]: resultsAre must be one of GOOD, BAD, INFORMATIVE, UNKNOWN',
      expect.stringMatching(/queries\[1\]: unterminated single-quoted string/),
      'questions[0] (integration-question-acme-q) queries[2]: unknown key "limit"',
      'questions[0] (integration-question-acme-q) queries[2]: query is required',
      'questions[0] (integration-question-acme-q): several queries need a distinct name each',
    ]);
  });

  it('rejects a file that is not a mapping or has no questions', () => {
    expect(checkQuestionsYaml('- a\n- b\n', 'acme', ctx).problems).toEqual([
      'file: must be a YAML mapping with sourceId, integrationDefinitionId and questions',
    ]);
    expect(
      checkQuestionsYaml(valid.replace(/questions:\n[\s\S]*$/, 'questions: []\n'), 'acme', ctx)
        .problems,
    ).toEqual(['questions: must be a non-empty list']);
  });
});

describe('checkPropertyReferences', () => {
  const observed = new Map([['acme_device', new Set(['serial', 'encrypted', 'displayName'])]]);
  it('reports properties no collected entity of that type has, once each', () => {
    const refs = [
      { names: ['acme_device'], property: 'serial', questionId: 'q1' },
      { names: ['acme_device'], property: 'filevault', questionId: 'q1' },
      { names: ['acme_device'], property: 'filevault', questionId: 'q1' },
    ];
    expect(checkPropertyReferences(refs, observed)).toEqual([
      'q1: acme_device.filevault is not set on any collected acme_device',
    ]);
  });
  it('skips classes, unions, uncollected types, J1 metadata and tags', () => {
    const refs = [
      { names: ['Device'], property: 'nope' },
      { names: ['acme_device', 'acme_user'], property: 'nope' },
      { names: ['acme_user'], property: 'nope' },
      { names: ['acme_device'], property: '_beginOn' },
      { names: ['acme_device'], property: 'tag.Owner' },
    ];
    expect(checkPropertyReferences(refs, observed)).toEqual([]);
  });
});
