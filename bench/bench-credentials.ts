/** The one API token of the benchmark's emulator (a local test credential, not a secret). */
export const BENCH_CREDENTIALS = { apiTokens: [{ email: 'bench@example.com', token: 'bench-token-0001' }], accessTokens: [], matonKeys: [] };
