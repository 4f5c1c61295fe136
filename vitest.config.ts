import { defineConfig } from 'vitest/config';

// Four projects, run in this order by `npm test` (groupOrder): the fast in-process unit tests,
// then the command-line tests, which start a Node process per case (they used to take half the
// unit project's time), then the end-to-end tests in Chromium, then those in Firefox. `npm run check` runs `unit` only.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Component tests (Testing Library) run in jsdom, chosen per file.
          include: ['tests/unit/**/*.test.ts', 'tests/components/**/*.test.tsx'],
          exclude: ['tests/unit/cli-*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'cli',
          // scripts/*.ts run through tsx, one process per case.
          include: ['tests/unit/cli-*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          sequence: { groupOrder: 1 },
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
          // expect.poll waits for a condition, never a fixed time: 1 s (Vitest's default) is too short
          // for an import or a sync round while another Chromium works on a loaded 2-core machine.
          expect: { poll: { timeout: 20_000 } },
          // Each file drives its own Chromium; two at a time suit a 2-core machine.
          maxWorkers: 2,
          // After the unit and CLI tests, which need the cores to themselves.
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'e2e-firefox',
          // Debian's Firefox ESR driven over WebDriver BiDi (tests/support/firefox.ts), after Chromium.
          include: ['tests/e2e-firefox/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e-firefox/global-setup.ts'],
          // A test drives up to two Firefox launches; measured up to 69 s at a load of 30 on 2 cores.
          testTimeout: 180_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 20_000 } },
          maxWorkers: 2,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
