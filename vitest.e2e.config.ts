import { defineConfig } from 'vitest/config';

// The built extension in real Chromium (playwright-core). No WxtVitest: `browser` must not be faked.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
