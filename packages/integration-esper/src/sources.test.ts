import { ingestionSourceProblems } from '@mdm-graph/mdm-core/steps';
import { describe, expect, it } from 'vitest';
import { invocationConfig } from '.';
import { IngestionSources, Steps } from './steps/constants';

const steps = invocationConfig.integrationSteps;
const byId = new Map(steps.map((s) => [s.id, s]));
const config = invocationConfig.ingestionConfig ?? {};

function ancestors(id: string, seen = new Set<string>()): Set<string> {
  for (const dep of byId.get(id)?.dependsOn ?? []) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    ancestors(dep, seen);
  }
  return seen;
}

describe('ingestion sources', () => {
  it('declares users and installed-apps (both on by default, as before) and a core that cannot be disabled', () => {
    expect(Object.keys(config).sort()).toEqual(['devices', 'installed-apps', 'users']);
    expect(config.devices?.cannotBeDisabled).toBe(true);
    expect(config['installed-apps']?.defaultsToDisabled).toBeFalsy();
    expect(config.users?.defaultsToDisabled).toBeFalsy();
  });

  it('every step has a known source and declares its authorization', () => {
    for (const step of steps) {
      expect(Object.keys(config), step.id).toContain(step.ingestionSourceId);
      expect(step.authorization?.permissions?.length, step.id).toBeGreaterThan(0);
      expect(step.authorization?.endpoints?.length, step.id).toBeGreaterThan(0);
    }
    expect(byId.get(Steps.USERS)?.ingestionSourceId).toBe(IngestionSources.USERS);
    expect(byId.get(Steps.INSTALLED_APPS)?.ingestionSourceId).toBe(IngestionSources.INSTALLED_APPS);
    expect(byId.get(Steps.USER_DEVICE_RELATIONSHIPS)?.ingestionSourceId).toBe(
      IngestionSources.DEVICES,
    );
  });

  it('no step depends on a step of another optional source', () => {
    for (const step of steps) {
      // record-collection-health depends on every step; withCollectionHealth prunes the
      // disabled ones from its dependencies when the run starts (tested in mdm-core).
      if (step.id === Steps.COLLECTION_HEALTH) continue;
      for (const dep of ancestors(step.id)) {
        const source = byId.get(dep)?.ingestionSourceId;
        if (source === IngestionSources.DEVICES) continue;
        expect(source, `${step.id} depends on ${dep}`).toBe(step.ingestionSourceId);
      }
    }
  });

  it("pass mdm-core's checks of sources against steps (the same for every integration)", () => {
    expect(
      ingestionSourceProblems(invocationConfig, {
        core: IngestionSources.DEVICES,
        exempt: [Steps.COLLECTION_HEALTH],
      }),
    ).toEqual([]);
  });
});
