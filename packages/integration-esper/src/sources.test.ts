import { ingestionSourceProblems } from '@mdm-graph/mdm-core/steps';
import { describe, expect, it } from 'vitest';
import { invocationConfig } from '.';
import { IngestionSources, Steps } from './steps/constants';

const byId = new Map(invocationConfig.integrationSteps.map((s) => [s.id, s]));
const config = invocationConfig.ingestionConfig ?? {};

describe('ingestion sources', () => {
  it('declares users and installed-apps (both on by default, as before) and a core that cannot be disabled', () => {
    expect(Object.keys(config).sort()).toEqual(['devices', 'installed-apps', 'users']);
    expect(config.devices?.cannotBeDisabled).toBe(true);
    expect(config['installed-apps']?.defaultsToDisabled).toBeFalsy();
    expect(config.users?.defaultsToDisabled).toBeFalsy();
  });

  it("pass mdm-core's checks of sources against steps (the same for every integration)", () => {
    // Every step names a declared source and its authorization (permissions and endpoints); no
    // step depends on a step of another optional source (record-collection-health depends on
    // every step and prunes the disabled ones itself); every source has a step.
    expect(
      ingestionSourceProblems(invocationConfig, {
        core: IngestionSources.DEVICES,
        exempt: [Steps.COLLECTION_HEALTH],
      }),
    ).toEqual([]);
  });

  it('the optional steps belong to their own source; the user -> device links to the core', () => {
    expect(byId.get(Steps.USERS)?.ingestionSourceId).toBe(IngestionSources.USERS);
    expect(byId.get(Steps.INSTALLED_APPS)?.ingestionSourceId).toBe(IngestionSources.INSTALLED_APPS);
    expect(byId.get(Steps.USER_DEVICE_RELATIONSHIPS)?.ingestionSourceId).toBe(
      IngestionSources.DEVICES,
    );
  });
});
