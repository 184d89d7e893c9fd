import { describe, expect } from 'vitest';
import type { Collected } from '../collect';
import { findSecrets } from '../secrets';
import { esperOAuthEnv, type EsperSimulator } from '../vendors/esper';
import { matrixTest, matrixTests } from './define';
import { startTenant, type Tenant } from './harness';

const TOKEN = 'tok-canary-3f9a1c7e5b2d4a6089e1';
const CLIENT_SECRET = 'sec-canary-b81d2e4f6a3c5079d2f4';

/** A proxy that, once, answers 500 with the bearer token echoed in the body (servers do that). */
function echoingProxy(secret: () => string) {
  let seen = 0;
  const proxy = {
    echoed: 0,
    intercept(req: { path: string }) {
      // The 3rd API request: after validation, inside a step.
      if (!req.path.startsWith('/api/') || ++seen !== 3) return undefined;
      proxy.echoed += 1;
      return { status: 500, body: { detail: `internal error while checking Bearer ${secret()}` } };
    },
  };
  return proxy;
}

async function scan(runs: Collected[], secrets: Record<string, string>): Promise<void> {
  for (const run of runs) {
    const findings = await findSecrets(run, secrets);
    expect(findings, `secrets found in ${run.projectDir}`).toEqual([]);
  }
}

describe('secrets', () => {
  matrixTests('SE-1', async ({ id, simulator }) => {
    const runs: Collected[] = [];
    const tenants: Tenant[] = [];
    const optional = simulator.capabilities.optionalPermission?.permission;
    try {
      // 5xx, a 403 on an optional endpoint and an error body echoing the token.
      const echo = echoingProxy(() => TOKEN);
      const a = await startTenant(id, {
        sim: { token: TOKEN, deniedPermissions: optional ? [optional] : undefined },
        faults: [{ kind: 'status', status: 503, everyN: 4, times: 2 }],
        proxy: echo,
      });
      tenants.push(a);
      runs.push(await a.run('secrets-faults'));
      expect(echo.echoed).toBe(1);
      // A 401 mid-run (authentication error, stack in the log).
      let n = 0;
      const b = await startTenant(id, {
        sim: { token: TOKEN },
        proxy: {
          intercept: (req) =>
            req.path.startsWith('/api/') && ++n > 4
              ? { status: 401, body: { detail: `token ${TOKEN} revoked` } }
              : undefined,
        },
      });
      tenants.push(b);
      runs.push(await b.run('secrets-401'));
      expect(runs[1]?.result.ok).toBe(false);
      // The token where a config error may quote it (on the tenant without the 401 proxy: a
      // vendor that accepts the value sends it, and the tenant refuses it without echoing it).
      const credential = simulator.capabilities.credentialEnv;
      if (credential)
        runs.push(await a.run('secrets-config', { ...a.env, [credential]: `Bearer ${TOKEN}` }));
      await scan(runs, {
        token: TOKEN,
        ...Object.fromEntries(b.sim.secrets.map((v, i) => [`secret-${i}`, v])),
      });
    } finally {
      for (const t of tenants) await t.close();
    }
  });

  matrixTest('E-SE-3', async () => {
    const runs: Collected[] = [];
    const tenants: Tenant[] = [];
    try {
      // OAuth2: token revoked mid-run (re-authentication), an error body echoing the client secret.
      let n = 0;
      const ref: { tenant?: Tenant } = {};
      const b = await startTenant('esper', {
        env: esperOAuthEnv,
        vendor: { token: TOKEN, oauth: { clientSecret: CLIENT_SECRET } },
        proxy: {
          intercept(req) {
            if (!req.path.startsWith('/api/')) return undefined;
            n += 1;
            if (n === 5) (ref.tenant?.native as EsperSimulator | undefined)?.revokeTokens();
            if (n === 7)
              return {
                status: 502,
                body: { detail: `upstream rejected client_secret=${CLIENT_SECRET}` },
              };
            return undefined;
          },
        },
      });
      ref.tenant = b;
      tenants.push(b);
      runs.push(await b.run('secrets-oauth'));
      // Wrong client secret: the token endpoint answers 401.
      runs.push(await b.run('secrets-oauth-bad', { ...b.env, CLIENT_SECRET: `${CLIENT_SECRET}x` }));
      expect(runs[1]?.result.ok).toBe(false);
      // A config error carrying the secret.
      runs.push(await b.run('secrets-config', { ...b.env, ACCESS_TOKEN: TOKEN }));
      await scan(runs, { token: TOKEN, clientSecret: CLIENT_SECRET });
      // Access tokens minted by the token endpoint are secrets too: none may appear.
      for (const run of runs) expect(run.log).not.toMatch(/esper-at-[0-9a-f]{16}/);
    } finally {
      for (const t of tenants) await t.close();
    }
  });

  matrixTest('E-SE-2', async () => {
    const tenant = await startTenant('esper');
    try {
      const run = await tenant.run('enterprise-secrets');
      expect(run.result.ok).toBe(true);
      const s = (tenant.native as EsperSimulator).fleet.enterprise.secrets;
      expect(s?.enterpriseToken).toBeTruthy();
      await scan([run], {
        signupUrl: s?.signupUrl ?? '',
        completionToken: s?.completionToken ?? '',
        enterpriseToken: s?.enterpriseToken ?? '',
      });
      const { readFileSync } = await import('node:fs');
      for (const file of run.graph.files) {
        const text = readFileSync(file, 'utf8');
        for (const field of [
          'signup_url',
          'completion_token',
          'enterprise_token',
          'signupUrl',
          'completionToken',
          'enterpriseToken',
        ]) {
          expect(text.includes(`"${field}"`), `${field} in ${file}`).toBe(false);
        }
      }
    } finally {
      await tenant.close();
    }
  });
});
