import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Component tests (Testing Library) run in jsdom, chosen per file.
          include: ['tests/unit/**/*.test.ts', 'tests/components/**/*.test.tsx'],
          environment: 'node',
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // Each file drives its own Chromium; two at a time suit a 2-core machine.
          maxWorkers: 2,
          // After the unit tests, which need the cores to themselves.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
