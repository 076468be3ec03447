// Layering (DESIGN §2) is enforced here rather than described in a wiki:
// each folder lists what it may not import, and typed rules run everywhere.
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto']

/** @param {{ group: string[], message: string }[]} patterns */
function restrictImports(patterns) {
  return { 'no-restricted-imports': ['error', { patterns }] }
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.scratch/**',
      '.bench/**',
      '.memograph-example/**',
      '**/*.mjs',
      '**/*.cjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.shared.json',
          './tsconfig.node.json',
          './tsconfig.web.json',
          './tsconfig.renderer-tests.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'src-main/bench/**/*.ts'],
    rules: {
      // node:test's describe/it return promises that the runner awaits itself.
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: restrictImports([
      {
        group: ['../src-main/*', '../../src-main/*', '**/src-main/**', '**/src-renderer/**'],
        message: 'src-shared imports nothing outside itself.',
      },
      {
        group: ['electron', 'react', 'react-dom', ...nodeBuiltins],
        message: 'src-shared is pure TypeScript.',
      },
    ]),
  },
  {
    // Tests of shared code run under Node (node:test), but still test only shared code.
    files: ['src-shared/**/*.test.ts'],
    rules: restrictImports([
      {
        group: ['../src-main/*', '../../src-main/*', '**/src-main/**', '**/src-renderer/**'],
        message: 'Tests in src-shared test shared code only.',
      },
    ]),
  },
  {
    files: ['src-main/engine/**/*.ts'],
    rules: restrictImports([
      {
        group: ['electron', 'react', 'react-dom', 'ws'],
        message: 'The engine is a library: no Electron, React or transport.',
      },
      {
        group: [
          '**/runner/**',
          '**/host/**',
          '**/electron/**',
          '**/web/**',
          '**/cli/**',
          '**/src-renderer/**',
        ],
        message: 'The engine never imports the runner, host, Electron, web or CLI layers.',
      },
    ]),
  },
  {
    files: ['src-main/host/**/*.ts'],
    rules: restrictImports([
      {
        group: ['electron', 'ws', 'react'],
        message: 'The host is transport-agnostic: bind it in electron/ or web/.',
      },
      {
        group: ['**/electron/**', '**/web/**', '**/cli/**', '**/src-renderer/**'],
        message: 'Bindings depend on the host, not the reverse.',
      },
    ]),
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrictImports([
        {
          group: ['electron', ...nodeBuiltins],
          message: 'The renderer runs in a sandbox: no Node or Electron.',
        },
        {
          group: ['**/src-main/**'],
          message: 'The renderer reaches the host only through the contract in src-shared.',
        },
      ]),
    },
  },
  {
    // Unit tests of the renderer's pure modules run under node:test.
    files: ['src-renderer/**/*.test.ts'],
    rules: restrictImports([
      {
        group: ['electron', '**/src-main/**'],
        message: 'Renderer tests test renderer modules only.',
      },
    ]),
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    ignores: ['src-renderer/api/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'WebSocket', message: 'Only src-renderer/api talks to the host.' },
        { name: 'fetch', message: 'Only src-renderer/api talks to the host.' },
      ],
    },
  },
)
