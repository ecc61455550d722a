import type { ConfluenceClient } from '../client/index.js';

/** Who the credentials sign in as, and where (`auth status`, `init`). */
export interface CredentialStatus {
  readonly mode: string;
  readonly site: string;
  readonly cloudId: string | null;
  readonly user: { readonly accountId: string; readonly displayName: string | null; readonly email: string | null };
  readonly via: string;
}

/** Checks the credentials with two requests: the current user, and one space (the site's base URL). */
export async function credentialStatus(client: ConfluenceClient): Promise<CredentialStatus> {
  const user = await client.users.current();
  const spaces = await client.http.request<{ _links?: { base?: string } }>('GET', '/wiki/api/v2/spaces', { query: { limit: 1 } });
  return {
    mode: client.connection.mode,
    site: spaces.body._links?.base ?? client.connection.siteUrl ?? client.connection.root,
    cloudId: client.connection.cloudId ?? null,
    user: { accountId: user.accountId, displayName: user.displayName ?? user.publicName ?? null, email: user.email ?? null },
    via: client.connection.description,
  };
}

export function loggedInLine(status: CredentialStatus): string {
  return `Logged in to ${status.site} as ${status.user.displayName ?? status.user.accountId}${status.user.email ? ` <${status.user.email}>` : ''}`;
}

export function formatStatus(status: CredentialStatus): string {
  return [loggedInLine(status), `  auth mode: ${status.mode}`, `  via:       ${status.via}`, ...(status.cloudId ? [`  cloud ID:  ${status.cloudId}`] : []), ''].join('\n');
}
