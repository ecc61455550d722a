/**
 * The credential variables of the environment, as the client reads them (README): an Atlassian API
 * token (`CONFLUENCE_EMAIL` + `CONFLUENCE_API_TOKEN`), an OAuth 2.0 access token
 * (`CONFLUENCE_ACCESS_TOKEN`) and a Maton API key (`MATON_API_KEY`). Empty values count as unset.
 */
export interface CredentialEnv {
  readonly email?: string;
  readonly apiToken?: string;
  readonly accessToken?: string;
  readonly matonKey?: string;
}

export const credentialVariables = {
  email: 'CONFLUENCE_EMAIL',
  apiToken: 'CONFLUENCE_API_TOKEN',
  accessToken: 'CONFLUENCE_ACCESS_TOKEN',
  matonKey: 'MATON_API_KEY',
} as const satisfies Record<keyof CredentialEnv, string>;

export function readCredentialEnv(env: NodeJS.ProcessEnv): CredentialEnv {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  return {
    email: read(credentialVariables.email),
    apiToken: read(credentialVariables.apiToken),
    accessToken: read(credentialVariables.accessToken),
    matonKey: read(credentialVariables.matonKey),
  };
}
