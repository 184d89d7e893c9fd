import {
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { ApiCallError, isApiCallError, type ApiCallErrorKind } from './errors';
import { toJupiterOneError } from './to-jupiterone-error';

const make = (status: number | undefined, kind: ApiCallErrorKind = 'http') =>
  new ApiCallError({
    message: 'm',
    url: 'https://h/api/v1/devices',
    method: 'GET',
    status,
    statusText: status ? 'S' : undefined,
    kind,
  });

describe('toJupiterOneError', () => {
  it('401 -> authentication error with cause', () => {
    const err = make(401);
    const mapped = toJupiterOneError(err);
    expect(mapped).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(mapped).toMatchObject({ endpoint: 'https://h/api/v1/devices', status: 401 });
    expect(mapped.cause).toBe(err);
  });

  it('401 names the configuration setting to fix when the caller says which', () => {
    const mapped = toJupiterOneError(make(401), { credentialField: 'accessToken (ACCESS_TOKEN)' });
    expect(mapped).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(mapped.message).toContain('check accessToken (ACCESS_TOKEN)');
    // A 403 is about permissions, not the credential: the field is not blamed.
    expect(toJupiterOneError(make(403), { credentialField: 'accessToken' }).message).not.toContain(
      'accessToken',
    );
  });

  it('403 -> authorization error naming the permission', () => {
    const mapped = toJupiterOneError(make(403), { permission: 'Device list', endpoint: 'devices' });
    expect(mapped).toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect(mapped.message).toContain('requires permission: Device list');
    expect((mapped as IntegrationProviderAPIError).endpoint).toBe('devices');
  });

  it.each([
    [500, 'http'],
    [404, 'http'],
    [429, 'http'],
    [undefined, 'connection'],
    [undefined, 'timeout'],
    [200, 'invalid_json'],
    [undefined, 'rate_limit_exhausted'],
  ] as const)('status %s / %s -> provider API error, never authentication', (status, kind) => {
    const err = make(status, kind);
    const mapped = toJupiterOneError(err);
    expect(mapped).toBeInstanceOf(IntegrationProviderAPIError);
    expect(mapped).not.toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(mapped).not.toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect((mapped as IntegrationProviderAPIError).status).toBe(status ?? kind);
    expect(mapped.cause).toBe(err);
  });

  it('a 2xx response that could not be used is explained by the ApiCallError message, not "HTTP 200"', () => {
    const err = new ApiCallError({
      message: 'GET https://h/api/v1/blueprints returned a non-JSON body (text/html)',
      url: 'https://h/api/v1/blueprints',
      method: 'GET',
      status: 200,
      statusText: 'HTTP 200',
      kind: 'invalid_json',
    });
    const mapped = toJupiterOneError(err, { endpoint: 'GET blueprints' });
    expect(mapped.message).toContain('returned a non-JSON body (text/html)');
    expect(mapped.message).toContain('GET blueprints');
  });

  it('returns integration errors unchanged and wraps unknown errors with cause', () => {
    const v = new IntegrationValidationError('bad');
    expect(toJupiterOneError(v)).toBe(v);
    const plain = new Error('boom');
    const mapped = toJupiterOneError(plain);
    expect(mapped).toBeInstanceOf(IntegrationProviderAPIError);
    expect(mapped.cause).toBe(plain);
    expect(isApiCallError(make(1))).toBe(true);
    expect(isApiCallError(plain)).toBe(false);
  });
});
