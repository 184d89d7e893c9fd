// Esper records point at other records by URL (a device's `user`, a group's `parent`, a
// device's `groups`): the ids in them, for converters (pure, no client).

/**
 * Id after `segment/` in an Esper resource URL, whatever the base URL:
 * `https://x-api.esper.cloud/api/enterprise/{eid}/devicegroup/{id}/` -> `{id}`.
 */
export function idFromUrl(url: string | null | undefined, segment: string): string | undefined {
  if (!url) return undefined;
  let pathname: string;
  try {
    pathname = new URL(url, 'https://placeholder.invalid').pathname;
  } catch {
    return undefined;
  }
  const parts = pathname.split('/').filter((p) => p !== '');
  const at = parts.lastIndexOf(segment);
  const id = at >= 0 ? parts[at + 1] : undefined;
  return id ? decodeURIComponent(id) : undefined;
}
