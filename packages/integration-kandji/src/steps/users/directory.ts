import { ValidationReport } from '@mdm-graph/mdm-core';
import { oncePerRun, type OptionalEndpoint } from '@mdm-graph/mdm-core/steps';
import { Endpoints, listUsers, withKandjiApi, type KandjiUser } from '../../client';
import { requireConfig, type KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';

export const USERS_ENDPOINT: OptionalEndpoint = {
  ...Endpoints.USERS,
  skipped: 'the user directory (device -> user links are still complete)',
  source: IngestionSources.USERS,
};

/** The user directory as read once in a run: what arrived, and why it stopped (if it did). */
export interface Directory {
  users: KandjiUser[];
  /** The API error that ended the read (403: no Users permission), after `users` arrived. */
  error?: unknown;
  /** Records that failed their schema (skipped). */
  report: ValidationReport;
}

/**
 * One read per run, shared by fetch-users (the kandji_user entities) and
 * build-device-user-relationships (which matches device users against it), whichever runs
 * first: neither step waits for the other, so the links never depend on the `users` source.
 * (mdm-core oncePerRun: keyed by the run's instance object, which every step context of one run shares.)
 */
export const readDirectory: (context: KandjiStepContext) => Promise<Directory> =
  oncePerRun(readOnce);

async function readOnce(context: KandjiStepContext): Promise<Directory> {
  const report = new ValidationReport(context.logger);
  const users: KandjiUser[] = [];
  try {
    await withKandjiApi(requireConfig(context.instance.config), context.logger, async (api) => {
      for await (const user of listUsers(api, { report })) users.push(user);
    });
    return { users, report };
  } catch (error) {
    return { users, report, error };
  }
}
