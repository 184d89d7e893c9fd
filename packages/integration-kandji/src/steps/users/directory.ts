import { ValidationReport } from '@mdm-graph/mdm-core';
import type { OptionalEndpoint } from '@mdm-graph/mdm-core/steps';
import { ApiEndpoints, listUsers, withKandjiApi, type KandjiUser } from '../../client';
import { loadConfig, type KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';

export const USERS_ENDPOINT: OptionalEndpoint = {
  ...ApiEndpoints.USERS,
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
 * Keyed by the run's instance object, which every step context of one run shares.
 */
const reads = new WeakMap<object, Promise<Directory>>();

export function readDirectory(context: KandjiStepContext): Promise<Directory> {
  let read = reads.get(context.instance);
  if (!read) {
    read = readOnce(context);
    reads.set(context.instance, read);
  }
  return read;
}

async function readOnce(context: KandjiStepContext): Promise<Directory> {
  const report = new ValidationReport(context.logger);
  const users: KandjiUser[] = [];
  try {
    await withKandjiApi(loadConfig(context.instance.config), context.logger, async (api) => {
      for await (const user of listUsers(api, { report })) users.push(user);
    });
    return { users, report };
  } catch (error) {
    return { users, report, error };
  }
}
