import { describe, expect, it } from 'vitest';
import { ingestionSourceProblems, isSourceEnabled, sourcePermissions } from './sources';
import { fakeContext } from './__tests__/context';

const auth = { permissions: ['p'], endpoints: ['GET x'] };
const good = {
  integrationSteps: [
    { id: 'account', ingestionSourceId: 'devices', authorization: auth },
    { id: 'devices', dependsOn: ['account'], ingestionSourceId: 'devices', authorization: auth },
    { id: 'users', dependsOn: ['account'], ingestionSourceId: 'users', authorization: auth },
    {
      id: 'user-devices',
      dependsOn: ['users', 'devices'],
      ingestionSourceId: 'users',
      authorization: auth,
    },
    {
      id: 'health',
      dependsOn: ['users', 'apps'],
      ingestionSourceId: 'devices',
      authorization: auth,
    },
    { id: 'apps', dependsOn: ['devices'], ingestionSourceId: 'apps', authorization: auth },
  ],
  ingestionConfig: {
    devices: { title: 'Devices', description: 'core', cannotBeDisabled: true },
    users: { title: 'Users', description: 'users' },
    apps: { title: 'Apps', description: 'apps', defaultsToDisabled: true },
  },
};

describe('ingestionSourceProblems', () => {
  it('accepts a consistent integration (the exempt health step may depend on every source)', () => {
    expect(ingestionSourceProblems(good, { core: 'devices', exempt: ['health'] })).toEqual([]);
  });

  it('names a step depending on another optional source', () => {
    expect(ingestionSourceProblems(good, { core: 'devices' })).toEqual([
      'step health (source "devices") depends on users of another optional source ("users")',
      'step health (source "devices") depends on apps of another optional source ("apps")',
    ]);
  });

  it('names a core that can be disabled, undeclared sources, missing authorization and unused sources', () => {
    const bad = {
      integrationSteps: [
        { id: 'account', ingestionSourceId: 'devices' },
        { id: 'x', ingestionSourceId: 'nope', authorization: auth },
      ],
      ingestionConfig: {
        devices: { title: 'Devices', description: 'core' },
        users: { title: 'Users', description: 'users' },
      },
    };
    expect(ingestionSourceProblems(bad, { core: 'devices' })).toEqual([
      'the core source "devices" can be disabled (set cannotBeDisabled)',
      'step account declares no authorization.permissions',
      'step account declares no authorization.endpoints',
      'step x has no declared ingestion source (nope)',
      'ingestion source "users" has no step (list it in switches if a step reads it as a switch)',
    ]);
    expect(ingestionSourceProblems(bad, { core: 'devices', switches: ['users', 'ghost'] })).toEqual(
      [
        'the core source "devices" can be disabled (set cannotBeDisabled)',
        'step account declares no authorization.permissions',
        'step account declares no authorization.endpoints',
        'step x has no declared ingestion source (nope)',
        'the switch "ghost" is not a declared ingestion source',
      ],
    );
    expect(ingestionSourceProblems({ integrationSteps: [] }, { core: 'devices' })).toEqual([
      'the core source "devices" is not declared',
    ]);
  });
});

describe('isSourceEnabled / sourcePermissions', () => {
  it('a source is enabled unless the instance switched it off', () => {
    const context = fakeContext({}, ['users']);
    expect(isSourceEnabled(context, 'users')).toBe(false);
    expect(isSourceEnabled(context, 'apps')).toBe(true);
    expect(isSourceEnabled(fakeContext(), 'users')).toBe(true);
  });

  it('refuses a source declared twice', () => {
    const p = { source: 'users', permission: 'Users', data: 'users' };
    expect(sourcePermissions([p])).toEqual([p]);
    expect(() => sourcePermissions([p, p])).toThrow('"users" is declared twice');
  });
});
