import { describe, expect, it } from 'vitest';
import { lintJ1ql, type J1qlContext } from './j1ql';
import { tokenize } from './j1ql-tokens';

const ctx: J1qlContext = {
  types: new Set(['acme_account', 'acme_device', 'acme_app', 'acme_user', 'employee']),
  classes: new Set(['Device', 'Person', 'Application', 'User']),
  relationshipClasses: new Set(['HAS', 'IS', 'INSTALLED', 'ASSIGNED']),
  relationships: [
    { sourceType: 'acme_account', _class: 'HAS', targetType: 'acme_device' },
    { sourceType: 'acme_device', _class: 'HAS', targetType: 'acme_app' },
    { sourceType: 'acme_user', _class: 'HAS', targetType: 'acme_device' },
    { sourceType: 'acme_user', _class: 'IS', targetType: 'employee' },
  ],
};

const errorsOf = (q: string) => lintJ1ql(q, ctx).errors;

describe('tokenize', () => {
  it('keeps strings, parameters, operators and dotted words apart', () => {
    const { tokens, errors } = tokenize(
      `FIND acme_app WITH name ~= 'Chrome "x"' AND v != {{version}} AS a RETURN a.name`,
    );
    expect(errors).toEqual([]);
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'word:FIND',
      'word:acme_app',
      'word:WITH',
      'word:name',
      'op:~=',
      'string:Chrome "x"',
      'word:AND',
      'word:v',
      'op:!=',
      'param:version',
      'word:AS',
      'word:a',
      'word:RETURN',
      'word:a.name',
    ]);
  });

  it('reports unterminated strings, parameters and unbalanced brackets', () => {
    expect(tokenize(`FIND x WITH a = 'open`).errors[0]).toMatch(
      /unterminated single-quoted string/,
    );
    expect(tokenize(`FIND x WITH a = "open`).errors[0]).toMatch(
      /unterminated double-quoted string/,
    );
    expect(tokenize(`FIND x WITH a = {{p`).errors[0]).toMatch(/unterminated \{\{parameter\}\}/);
    expect(tokenize(`FIND (a|b WITH x = 1`).errors).toEqual(["unclosed '(' at offset 5"]);
    expect(tokenize(`FIND a|b) WITH x = 1`).errors).toEqual(["unbalanced ')' at offset 8"]);
    expect(tokenize(`FIND a WITH x = 1;`).errors).toEqual([
      "unexpected character ';' at offset 17",
    ]);
  });
});

describe('lintJ1ql', () => {
  it('accepts well-formed queries over declared types, classes and relationships', () => {
    const good = [
      'FIND acme_device',
      'find acme_device with encrypted != true',
      `FIND acme_device WITH lastSeenOn < date.now - 30 days AS d RETURN d.displayName, d.serial ORDER BY d.lastSeenOn ASC LIMIT 100`,
      `FIND acme_app AS app THAT HAS acme_device AS d RETURN app.displayName AS App, count(d) AS Devices ORDER BY Devices DESC LIMIT 25`,
      `FIND acme_user AS u THAT HAS acme_device THAT !HAS acme_app WITH name = '{{app}}' RETURN TREE`,
      `FIND acme_user THAT !IS employee`,
      `FIND acme_user THAT IS Person`,
      `FIND (acme_device|Device) WITH osVersion ^= '13' AS d WHERE d.active = true AND d.osName ~= "mac" RETURN d.*`,
      `FIND UNIQUE acme_device AS d THAT RELATES TO * AS x RETURN d.name, x._type`,
      `FIND acme_account THAT (HAS|ASSIGNED) acme_device SKIP 10 LIMIT {{n}}`,
    ];
    for (const q of good) expect(errorsOf(q), q).toEqual([]);
  });

  it('rejects a type the integration does not declare, naming the declared ones', () => {
    const [e] = errorsOf('FIND acme_laptop WITH x = 1');
    expect(e).toMatch(
      /"acme_laptop" is not a _type this integration declares \(acme_account, acme_app, acme_device, acme_user, employee\)/,
    );
    expect(errorsOf('FIND acme_device THAT HAS (acme_app|acme_widget)')).toEqual([
      expect.stringMatching(/"acme_widget" is not a _type/),
    ]);
  });

  it('rejects unknown classes and names that are neither types nor classes', () => {
    expect(errorsOf('FIND Laptop')[0]).toMatch(/"Laptop" is not a JupiterOne data-model class/);
    expect(errorsOf('FIND Acme_Device')[0]).toMatch(/neither a _type \(snake_case\) nor a class/);
  });

  it('rejects a traversal the integration never produces, in either direction', () => {
    expect(errorsOf('FIND acme_account THAT HAS acme_app')[0]).toMatch(
      /no declared relationship acme_account HAS acme_app/,
    );
    expect(errorsOf('FIND acme_device THAT IS acme_user')[0]).toMatch(
      /no declared relationship acme_device IS acme_user/,
    );
    // reversed direction of a declared relationship is fine: J1QL traverses both ways
    expect(errorsOf('FIND acme_device THAT HAS acme_account')).toEqual([]);
  });

  it('rejects unknown relationship verbs and lower-case verbs', () => {
    expect(errorsOf('FIND acme_device THAT OWNZ acme_app')[0]).toMatch(
      /"OWNZ" is not a relationship class/,
    );
    expect(errorsOf('FIND acme_device THAT has acme_app')[0]).toMatch(/"has" should be upper case/);
    expect(errorsOf('FIND acme_device THAT RELATES acme_app')[0]).toMatch(
      /RELATES must be followed by TO/,
    );
  });

  it('rejects aliases that no AS defines and WHERE properties without an alias', () => {
    expect(errorsOf('FIND acme_device AS d RETURN x.name')[0]).toMatch(
      /RETURN uses "x.name" but no AS defines alias "x"/,
    );
    expect(errorsOf('FIND acme_device AS d WHERE e.active = true')[0]).toMatch(
      /WHERE uses alias "e" which no AS defines/,
    );
    expect(errorsOf('FIND acme_device AS d WHERE active = true')[0]).toMatch(
      /WHERE property "active" must be written alias.property/,
    );
    expect(errorsOf('FIND acme_device AS d THAT HAS acme_app AS d')[0]).toMatch(
      /alias "d" is defined twice/,
    );
    expect(errorsOf('FIND acme_device AS d ORDER BY e.name')[0]).toMatch(/ORDER BY uses "e.name"/);
  });

  it('rejects clauses out of order, empty clauses and a missing FIND', () => {
    expect(errorsOf('acme_device WITH x = 1')[0]).toMatch(/must start with FIND/);
    expect(errorsOf('FIND acme_device AS d RETURN d.name WHERE d.x = 1')[0]).toMatch(
      /unexpected "WHERE"/,
    );
    expect(errorsOf('FIND acme_device WITH RETURN')[0]).toMatch(/WITH has no condition/);
    expect(errorsOf('FIND acme_device WITH active')[0]).toMatch(/WITH has no comparison/);
    expect(errorsOf('FIND acme_device AS d RETURN')[0]).toMatch(/RETURN lists nothing/);
    expect(errorsOf('FIND acme_device LIMIT many')[0]).toMatch(
      /LIMIT must be followed by a number/,
    );
    expect(errorsOf('FIND')[0]).toMatch(/expected an entity _type/);
    expect(errorsOf('FIND acme_device THAT')[0]).toMatch(
      /THAT must be followed by a relationship class/,
    );
  });

  it('returns the properties each selector reads, from WITH, WHERE, RETURN and ORDER BY', () => {
    const r = lintJ1ql(
      `FIND acme_device WITH encrypted = false AND osName = 'macOS' AS d THAT HAS acme_app AS a WHERE a.version < '2' RETURN d.serial, a.name ORDER BY d.lastSeenOn`,
      ctx,
    );
    expect(r.errors).toEqual([]);
    expect(r.propertyRefs).toEqual([
      { names: ['acme_device'], property: 'encrypted' },
      { names: ['acme_device'], property: 'osName' },
      { names: ['acme_app'], property: 'version' },
      { names: ['acme_device'], property: 'serial' },
      { names: ['acme_app'], property: 'name' },
      { names: ['acme_device'], property: 'lastSeenOn' },
    ]);
    expect(r.selectors.map((s) => s.alias)).toEqual(['d', 'a']);
  });
});
