import type { ValidationReport } from '@mdm-graph/mdm-core';
import { newReport } from '@mdm-graph/mdm-core/steps';
import { type EsperUser, listUsers, withEsperClient } from '../../client';
import { requireConfig } from '../../config';
import type { StepContext } from '../shared';

/** The user directory as read once in a run: what arrived, and why it stopped (if it did). */
export interface Directory {
  users: EsperUser[];
  /** The API error that ended the read (403/404: the key may not read users), after `users` arrived. */
  error?: unknown;
  report: ValidationReport;
}

/**
 * One read per run, shared by fetch-users (the esper_user entities) and
 * build-user-device-relationships (which matches device users against it), whichever runs
 * first: neither waits for the other, so the links never depend on the `users` source.
 * Keyed by the run's instance object, which every step context of one run shares.
 */
const reads = new WeakMap<object, Promise<Directory>>();

export function readDirectory(context: StepContext): Promise<Directory> {
  let read = reads.get(context.instance);
  if (!read) {
    read = readOnce(context);
    reads.set(context.instance, read);
  }
  return read;
}

async function readOnce(context: StepContext): Promise<Directory> {
  const report = newReport(context);
  const users: EsperUser[] = [];
  try {
    await withEsperClient(
      requireConfig(context.instance.config),
      context.logger,
      async (client) => {
        for await (const user of listUsers(client, { report })) users.push(user);
      },
    );
    return { users, report };
  } catch (error) {
    return { users, report, error };
  }
}
