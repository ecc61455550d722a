import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/secrets.ts', 'test/setup/property-seed.ts'],
    // The emulator checks each index lookup against a scan of the site (src/emulator/content-index.ts).
    env: { EMULATOR_VERIFY_INDEXES: '1' },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
