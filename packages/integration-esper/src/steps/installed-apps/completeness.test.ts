import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { isListIncompleteError } from '@mdm-graph/mdm-core';
import { describe, expect, it } from 'vitest';
import { runSteps, SMALL_FLEET, withSimulator } from '../../../test/harness';
import type { IntegrationConfig } from '../../config';
import { Relationships, Steps } from '../constants';
import { fetchInstalledApps } from '.';

describe('fetch-installed-apps: a device app list shorter than its count', () => {
  it('links what was read for every device, then fails the step naming both figures', async () => {
    await withSimulator({ ...SMALL_FLEET, cutShort: { 'device-apps': 5 } }, async (sim) => {
      const context = createMockStepExecutionContext<IntegrationConfig>({
        instanceConfig: sim.config,
      });
      await runSteps(sim.config, {
        context,
        steps: [Steps.ACCOUNT, Steps.APPLICATIONS, Steps.DEVICE_GROUPS, Steps.DEVICES],
      });
      const error = await fetchInstalledApps(context).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isListIncompleteError(error)).toBe(true);
      expect((error as Error).message).toMatch(
        /GET enterprise\/[0-9a-f-]+\/device\/[0-9a-f-]+\/app\/ announced 9 installed app record\(s\) \(`count`\) but 5 were received/,
      );
      const installed = context.jobState.collectedRelationships.filter(
        (r) => r._type === Relationships.DEVICE_HAS_APPLICATION._type,
      );
      // 5 of 9 apps on each of the 14 devices were read and are linked.
      expect(installed).toHaveLength(14 * 5);
    });
  });
});
