import { ApiCallError } from '../../http/errors';
import { type StepScopeContext } from '../vendor';

export interface FakeContext extends StepScopeContext {
  lines: { level: string; obj: unknown; msg?: string }[];
  events: { name: string; description: string }[];
  warnings(): string[];
  infos(): string[];
}

/** A step context whose logger keeps lines and published warn events (what the J1 logger would). */
export function fakeContext(
  config: Record<string, unknown> = {},
  disabledSources: string[] = [],
): FakeContext {
  const lines: FakeContext['lines'] = [];
  const events: FakeContext['events'] = [];
  const at = (level: string) => (obj: unknown, msg?: string) => {
    lines.push({ level, obj, msg });
  };
  const logger = {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
    child: () => logger,
    publishWarnEvent: (e: { name: string; description: string }) => events.push(e),
    publishInfoEvent: () => undefined,
    publishErrorEvent: () => undefined,
  };
  return {
    lines,
    events,
    warnings: () => lines.filter((l) => l.level === 'warn').map((l) => l.msg ?? ''),
    infos: () => lines.filter((l) => l.level === 'info').map((l) => l.msg ?? ''),
    logger: logger as unknown as StepScopeContext['logger'],
    instance: {
      id: 'instance-1',
      accountId: 'account-1',
      name: 'test',
      integrationDefinitionId: 'def-1',
      config,
      disabledSources: disabledSources.map((ingestionSourceId) => ({ ingestionSourceId })),
    } as unknown as StepScopeContext['instance'],
  };
}

/** An HTTP status from the API, as HttpClient raises it after its retries. */
export function httpError(status: number, url = 'https://api.example.test/v1/x'): ApiCallError {
  return new ApiCallError({
    message: `GET ${url} returned ${status}`,
    url,
    method: 'GET',
    kind: 'http',
    status,
    statusText: { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status] ?? 'Error',
  });
}
