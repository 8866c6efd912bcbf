import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['passerelle-source'] },
  ssr: { resolve: { conditions: ['passerelle-source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
