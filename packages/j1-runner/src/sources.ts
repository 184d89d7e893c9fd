import {
  IntegrationValidationError,
  type IntegrationIngestionConfigFieldMap,
  type IntegrationInstance,
} from '@jupiterone/integration-sdk-core';

export const DISABLED_VAR = 'DISABLED_INGESTION_SOURCES';
export const ENABLED_VAR = 'ENABLED_INGESTION_SOURCES';

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The ingestion sources switched off for a local run, as a new JupiterOne instance would
 * have them: sources with `defaultsToDisabled` start off, `ENABLED_INGESTION_SOURCES`
 * (comma list, or `all`) switches them on, and `DISABLED_INGESTION_SOURCES` (comma list,
 * the variable the JupiterOne runtime reads) switches sources off. An unknown id, a source
 * that `cannotBeDisabled`, or one named in both lists is a validation error naming the
 * variable: a typo must not silently collect (or skip) data.
 */
export function disabledSourcesFromEnv(
  ingestionConfig: IntegrationIngestionConfigFieldMap | undefined,
  env: Record<string, string | undefined>,
): NonNullable<IntegrationInstance['disabledSources']> {
  const known = Object.keys(ingestionConfig ?? {});
  const disabled = list(env[DISABLED_VAR]);
  const enabledRaw = list(env[ENABLED_VAR]);
  const all = enabledRaw.length === 1 && enabledRaw[0]?.toLowerCase() === 'all';
  const enabled = all ? known : enabledRaw;
  const knownList = known.length ? known.join(', ') : '(this integration has none)';
  for (const [name, ids] of [
    [DISABLED_VAR, disabled],
    [ENABLED_VAR, all ? [] : enabled],
  ] as const) {
    const unknown = ids.filter((id) => !known.includes(id));
    if (unknown.length > 0)
      throw new IntegrationValidationError(
        `${name} names unknown ingestion source(s) ${unknown.join(', ')}; known: ${knownList}.`,
      );
  }
  const locked = disabled.filter((id) => ingestionConfig?.[id]?.cannotBeDisabled);
  if (locked.length > 0)
    throw new IntegrationValidationError(
      `${DISABLED_VAR}: ingestion source(s) ${locked.join(', ')} cannot be disabled.`,
    );
  const both = all ? [] : disabled.filter((id) => enabled.includes(id));
  if (both.length > 0)
    throw new IntegrationValidationError(
      `Ingestion source(s) ${both.join(', ')} are in both ${DISABLED_VAR} and ${ENABLED_VAR}.`,
    );
  const off = new Set(disabled);
  for (const [id, field] of Object.entries(ingestionConfig ?? {}))
    if (field.defaultsToDisabled && !enabled.includes(id)) off.add(id);
  return known.filter((id) => off.has(id)).map((ingestionSourceId) => ({ ingestionSourceId }));
}
