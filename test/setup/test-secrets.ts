/** The fake credentials the tests use, in every form a leak could take. Test-only values, not real secrets. */
export const TEST_SECRETS = ['test-api-token-123', 'test-oauth-access-token', 'test-maton-key', 'test-classic-only-token', 'refused-secret-value', 'wrong-token-value', 'not-the-key-xyz'] as const;

export function testSecrets(): string[] {
  return TEST_SECRETS.flatMap((s) => [s, Buffer.from(`writer@example.com:${s}`).toString('base64')]);
}
