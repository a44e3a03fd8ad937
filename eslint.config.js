import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'screenshots/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'svelte/no-at-html-tags': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // Published algorithm coefficients (inverse normal CDF) are kept digit for digit as printed,
    // even where a double cannot hold every digit: that is how the algorithm is checked against its source.
    files: ['src/engine/uncertainty/distributions.ts'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    // The engine is pure: no DOM, storage, UI or chart code may reach it.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['dexie', 'svelte', 'svelte/*', 'ag-grid-*', 'echarts', 'echarts/*', 'comlink', '../ui/*', '../state/*', '../persistence/*', '../workers/*'] }],
    },
  },
);
