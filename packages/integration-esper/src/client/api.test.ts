import type { MdmLogger } from '@mdm-graph/mdm-core';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/config';
import { createEsperClient } from './api';
import { getEnterprise } from './v1';

// An API key pasted with its "Bearer " prefix (as copied from a curl example) is the key: the
// prefix is removed, the key alone is sent, and a server that echoes the bare key back (in a
// body, a header or a message) does not get it into an error or a log line.
const EID = '3f2a7d9e-1b4c-4e8f-9a6b-0c1d2e3f4a5b';
const KEY = 'esper-key-9f8e7d6c5b4a';

let agent: MockAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

function recordingLogger(lines: string[]): MdmLogger {
  const log = (obj: object | string, msg?: string) => {
    lines.push(JSON.stringify(obj) + (msg ?? ''));
  };
  return { debug: log, info: log, warn: log, error: log };
}

describe('an API key configured as "Bearer <key>"', () => {
  it('sends the key once and redacts the bare key a server echoes back', async () => {
    const config = testConfig({ domain: 'acme', enterpriseId: EID, accessToken: `Bearer ${KEY}` });
    expect(config.auth).toEqual({ kind: 'bearer', accessToken: KEY });

    agent = new MockAgent();
    agent.disableNetConnect();
    const seen: unknown[] = [];
    agent
      .get('https://acme-api.esper.cloud')
      .intercept({ path: `/api/enterprise/${EID}/`, method: 'GET' })
      .reply(401, (req) => {
        seen.push((req.headers as Record<string, string>).authorization);
        return { detail: `Invalid token ${KEY} for enterprise`, token: KEY };
      });
    const lines: string[] = [];
    const client = createEsperClient(config, recordingLogger(lines), {
      dispatcher: agent,
      retry: { maxRetries: 0 },
    });
    const err = await getEnterprise(client, EID).then(
      () => undefined,
      (e: unknown) => e,
    );
    await client.close();

    expect(err).toBeInstanceOf(Error);
    const text = [
      String(err),
      JSON.stringify(err, Object.getOwnPropertyNames(err as object)),
      ...lines,
    ].join('\n');
    expect(text).toContain('401');
    expect(text).not.toContain(KEY);
    expect(seen).toEqual([`Bearer ${KEY}`]);
  });

  it('"Bearer" alone is not a key: validation names the field', async () => {
    const { parseConfig } = await import('../config');
    const r = parseConfig({ domain: 'acme', enterpriseId: EID, accessToken: 'Bearer ' });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toEqual([
      'accessToken (ACCESS_TOKEN) must be the Esper API key (a pasted "Bearer " prefix is removed), not "Bearer" alone',
    ]);
  });
});
