import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each API test file starts its own sandbox; two cores run two files at a time well.
    maxWorkers: 2,
  },
});
