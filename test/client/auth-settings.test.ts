import { describe, expect, it } from 'vitest';
import { chooseSite } from '../../src/client/auth/connection.js';
import { AuthConfigError, authFromEnv } from '../../src/client/auth/settings.js';
import { redact, registerBasic, registerSecret } from '../../src/client/redact.js';

describe('authFromEnv', () => {
  it('picks the API-token mode from its three variables', () => {
    expect(authFromEnv({ CONFLUENCE_BASE_URL: 'https://acme.atlassian.net/wiki/', CONFLUENCE_EMAIL: 'a@b.c', CONFLUENCE_API_TOKEN: 'tok-123' })).toEqual({
      mode: 'api-token',
      baseUrl: 'https://acme.atlassian.net/wiki',
      email: 'a@b.c',
      token: 'tok-123',
    });
  });
  it('lets the environment win over config values, and takes a variable set to nothing as unset', () => {
    const env = { CONFLUENCE_EMAIL: 'a@b.c', CONFLUENCE_API_TOKEN: 'tok-123' };
    const config = { baseUrl: 'https://config.atlassian.net/wiki' };
    expect(authFromEnv({ ...env, CONFLUENCE_BASE_URL: 'https://env.atlassian.net/wiki' }, config)).toMatchObject({ baseUrl: 'https://env.atlassian.net/wiki' });
    expect(authFromEnv({ ...env, CONFLUENCE_BASE_URL: '' }, config)).toMatchObject({ baseUrl: 'https://config.atlassian.net/wiki' });
    expect(() => authFromEnv({ ...env, CONFLUENCE_API_TOKEN: '', CONFLUENCE_BASE_URL: 'https://env.atlassian.net/wiki' })).toThrow(/No Confluence credentials/);
  });
  it('names the missing variables, never the values', () => {
    expect(() => authFromEnv({ CONFLUENCE_API_TOKEN: 'tok-secret-1' })).toThrow(/CONFLUENCE_BASE_URL, CONFLUENCE_EMAIL/);
    try {
      authFromEnv({ CONFLUENCE_API_TOKEN: 'tok-secret-1' });
    } catch (error) {
      expect(String(error)).not.toContain('tok-secret-1');
    }
  });
  it('picks OAuth and Maton, with gateway defaults and overrides', () => {
    expect(authFromEnv({ CONFLUENCE_ACCESS_TOKEN: 'at' })).toMatchObject({ mode: 'oauth', apiBase: 'https://api.atlassian.com' });
    expect(authFromEnv({ MATON_API_KEY: 'mk', MATON_CONNECTION: 'c1', MATON_GATEWAY_URL: 'https://api.maton.ai' })).toMatchObject({
      mode: 'maton',
      connection: 'c1',
      gatewayBase: 'https://api.maton.ai',
    });
  });
  it('lets CONFLUENCE_AUTH_MODE choose when several are present, and refuses unknown modes', () => {
    const env = { CONFLUENCE_ACCESS_TOKEN: 'at', MATON_API_KEY: 'mk' };
    expect(authFromEnv(env).mode).toBe('oauth');
    expect(authFromEnv({ ...env, CONFLUENCE_AUTH_MODE: 'maton' }).mode).toBe('maton');
    expect(() => authFromEnv({ ...env, CONFLUENCE_AUTH_MODE: 'magic' })).toThrow(AuthConfigError);
  });
  it('says what to set when nothing is set, and rejects a base URL that is not a URL', () => {
    expect(() => authFromEnv({})).toThrow(/No Confluence credentials found/);
    expect(() => authFromEnv({ CONFLUENCE_BASE_URL: 'acme', CONFLUENCE_EMAIL: 'a', CONFLUENCE_API_TOKEN: 'b' })).toThrow(/CONFLUENCE_BASE_URL is not a URL/);
  });
});

describe('chooseSite', () => {
  const sites = [
    { id: 'c1', name: 'acme', url: 'https://acme.atlassian.net' },
    { id: 'c2', name: 'beta', url: 'https://beta.atlassian.net' },
  ];
  it('takes the only site, or the one named by name, URL or cloud ID', () => {
    expect(chooseSite(sites.slice(0, 1), undefined).id).toBe('c1');
    expect(chooseSite(sites, 'BETA').id).toBe('c2');
    expect(chooseSite(sites, 'https://beta.atlassian.net/wiki/').id).toBe('c2');
    expect(chooseSite(sites, 'c1').id).toBe('c1');
  });
  it('lists the sites when the choice is ambiguous or wrong', () => {
    expect(() => chooseSite(sites, undefined)).toThrow(/reaches 2 sites[\s\S]*acme[\s\S]*beta/);
    expect(() => chooseSite(sites, 'gamma')).toThrow(/No site matches 'gamma'[\s\S]*acme/);
    expect(() => chooseSite([], undefined)).toThrow(/reaches no Confluence site/);
  });
});

describe('redact', () => {
  it('masks registered secrets, their Basic form, and any Authorization header value', () => {
    registerSecret('super-secret-token');
    registerBasic('me@x.y', 'basic-secret');
    const basic = Buffer.from('me@x.y:basic-secret').toString('base64');
    const text = redact(`token super-secret-token and ${basic} and authorization: Bearer other-value`);
    expect(text).not.toContain('super-secret-token');
    expect(text).not.toContain(basic);
    expect(text).not.toContain('other-value');
  });
});
