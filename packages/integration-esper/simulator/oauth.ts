import { SeededRandom, type SimRequest, type SimResponse } from '@mdm-graph/mdm-core/sim';

/**
 * An OAuth2 client-credentials token endpoint (RFC 6749 §4.4) issuing short-lived
 * bearer tokens that the simulated API accepts next to the static API key.
 * Esper's public sources document no such endpoint (see esper-api.md); the
 * integration supports the flow for gateways that front Esper with OAuth2.
 */
export interface OAuthOptions {
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds?: number;
}

export class TokenIssuer {
  readonly clientId: string;
  readonly clientSecret: string;
  private readonly ttlMs: number;
  private readonly tokens = new Map<string, number>(); // token -> expiresAt (ms)
  private readonly rng: SeededRandom;
  issued = 0;

  constructor(seed: string | number, o: OAuthOptions = {}) {
    this.rng = new SeededRandom(`esper-oauth:${seed}`);
    this.clientId = o.clientId ?? `esper-client-${this.rng.hex(8)}`;
    this.clientSecret = o.clientSecret ?? `esper-secret-${this.rng.hex(32)}`;
    this.ttlMs = (o.tokenTtlSeconds ?? 3600) * 1000;
  }

  isValid(token: string, now = Date.now()): boolean {
    const exp = this.tokens.get(token);
    return exp !== undefined && exp > now;
  }

  /** Expire every issued token now (simulates expiry mid-run). */
  revokeAll(): void {
    this.tokens.clear();
  }

  private credentials(req: SimRequest, form: URLSearchParams): { id?: string; secret?: string } {
    const header = req.headers.authorization;
    if (typeof header === 'string' && header.toLowerCase().startsWith('basic ')) {
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      if (sep >= 0) {
        return {
          id: decodeURIComponent(decoded.slice(0, sep)),
          secret: decodeURIComponent(decoded.slice(sep + 1)),
        };
      }
    }
    return {
      id: form.get('client_id') ?? undefined,
      secret: form.get('client_secret') ?? undefined,
    };
  }

  handle(req: SimRequest): SimResponse {
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials') {
      return { status: 400, json: { error: 'unsupported_grant_type' } };
    }
    const { id, secret } = this.credentials(req, form);
    if (id !== this.clientId || secret !== this.clientSecret) {
      return { status: 401, json: { error: 'invalid_client' } };
    }
    const token = `esper-at-${this.rng.hex(32)}`;
    this.tokens.set(token, Date.now() + this.ttlMs);
    this.issued++;
    return {
      headers: { 'cache-control': 'no-store' },
      json: {
        access_token: token,
        token_type: 'Bearer',
        expires_in: Math.round(this.ttlMs / 1000),
        scope: 'read',
      },
    };
  }
}
