// ESLint flat config. `npm run lint` runs it with --max-warnings 0: a warning is an error in CI.
//
// - typescript-eslint with type information (projectService reads tsconfig.json), the
//   `recommendedTypeChecked` set minus the `no-unsafe-*` family: those flag every value that
//   comes from JSON.parse, IndexedDB, chrome.* or a DOM API typed `any`, and Margin validates
//   such values at the boundary (valibot, explicit guards) instead. What stays catches real bugs:
//   floating and misused promises, awaiting non-promises, unbound methods, `${object}` in strings,
//   redundant type assertions, unused variables.
// - eslint-plugin-react-hooks: the two classic rules (rules-of-hooks, exhaustive-deps). Its v7
//   React Compiler rules (purity, refs, set-state-in-effect…) assume React's compiler, which a
//   Preact extension does not use.
// - eslint-plugin-jsx-a11y (recommended) on .tsx: the popup, panel and library are keyboard- and
//   screen-reader-facing.
// Formatting is Prettier's job (`npm run format:check`); no stylistic rules here.
//
// typescript-eslint needs TypeScript's JavaScript API, which TypeScript 7 (the native compiler
// `tsc` runs) does not have yet; package.json therefore installs TypeScript side by side, as the
// TypeScript 7 release notes describe: `typescript` is the 6.0 API (@typescript/typescript6) that
// typescript-eslint loads, `@typescript/native` is TypeScript 7 and provides the `tsc` binary.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', '.output/', '.wxt/', 'dist/', 'artifacts/', 'reports/', 'public/', 'tests/fixtures/', 'tests/pages/', '.data/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node, ...globals.webextensions },
      parserOptions: {
        // The strict flags (noUncheckedIndexedAccess) change what a non-null assertion is for:
        // lint must see the same types as `npm run typecheck` (both read tsconfig.json).
        project: './tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // `_name` marks a parameter or destructured field that is deliberately unused.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Event handlers and effects may start async work on purpose; a promise passed where a
      // void callback is expected is still caught (checksVoidReturn stays on for everything else).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Numbers and booleans read fine in template strings; objects and undefined do not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // Control characters in regexes are deliberate in text cleaning (zero-width, NBSP, C0).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Hooks live in .ts files too (components/*/use-*.ts and the like).
    files: ['components/**/*.ts', 'entrypoints/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    // Test doubles implement async interfaces (chrome.*, the background's dependencies) with
    // bodies that have nothing to await; `async` keeps them faithful to the signature, including
    // turning a throw into a rejection.
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  // Layers (CONTRIBUTING.md, "Layer rules"): each depends only on the layers below it —
  // entrypoints → components → utils/background, utils/page → utils/sync → utils/export →
  // utils/db, utils/extract → utils/entities, utils/anchoring, utils/search, utils/dom →
  // utils/text and the plain modules at the top of utils/. An import up the stack fails lint.
  ...layerRules([
    { files: ['components/**'], above: ['entrypoints'] },
    { files: ['utils/background/**', 'utils/page/**'], above: ['entrypoints', 'components'] },
    { files: ['utils/sync/**'], above: ['entrypoints', 'components', 'background', 'page'] },
    { files: ['utils/export/**'], above: ['entrypoints', 'components', 'background', 'page', 'sync'] },
    { files: ['utils/db/**', 'utils/extract/**'], above: ['entrypoints', 'components', 'background', 'page', 'sync', 'export'], siblings: true },
    {
      files: ['utils/entities/**', 'utils/anchoring/**', 'utils/search/**', 'utils/dom/**'],
      above: ['entrypoints', 'components', 'background', 'page', 'sync', 'export', 'db', 'extract'],
    },
    {
      files: ['utils/text/**', 'utils/*.ts'],
      above: ['entrypoints', 'components', 'background', 'page', 'sync', 'export', 'db', 'extract', 'entities', 'anchoring', 'search', 'dom'],
    },
  ]),
);

/**
 * One no-restricted-imports block per layer: `above` names the folders (under utils/, or the
 * top-level components/ and entrypoints/) its files may not import from, matched on the
 * relative path whatever its depth. `siblings`: db and extract may not import each other.
 */
function layerRules(layers) {
  return layers.map(({ files, above, siblings }) => {
    const names = [...above, ...(siblings ? ['(?:db|extract)'] : [])];
    return {
      files,
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(?:\\.\\./)+(?:utils/)?(?:${names.join('|')})(?:/|$)|^\\./(?:${above.join('|')})/`,
                message: 'This imports from a layer above (CONTRIBUTING.md, "Layer rules").',
              },
            ],
          },
        ],
      },
    };
  });
}
