/** The `{name}` placeholders of a path template. */
type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/**
 * One Esper endpoint: its path template relative to the API base
 * (`https://{tenant}-api.esper.cloud/api`) and what the API key must be allowed to do to read it
 * (Esper has no per-key scopes: the role of the user who created the key decides). The steps
 * name both in their errors and in their J1 `authorization` metadata.
 */
export interface EsperEndpoint<T extends string = string> {
  /** e.g. `enterprise/{enterprise_id}/device/{device_id}/app/` */
  readonly template: T;
  /** e.g. `read installed apps on devices` */
  readonly permission: string;
  /** The path with every placeholder filled in (URI-encoded). */
  path(params: Record<Placeholders<T>, string>): string;
}

export function esperEndpoint<const T extends string>(template: T, permission: string) {
  return {
    template,
    permission,
    path: (params: Record<Placeholders<T>, string>) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent((params as Record<string, string>)[name] ?? ''),
      ),
  } satisfies EsperEndpoint<T>;
}
