import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-eslint';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), 'src');

/**
 * The folder of src/ a file belongs to (`engine`, `ui`, …), or `root` for src/main.ts and the other
 * files at the top of src/; null outside src/.
 */
function layerOf(file) {
  const path = relative(SRC, file);
  if (path.startsWith('..') || path === '') return null;
  const parts = path.split(sep);
  return parts.length === 1 ? 'root' : parts[0];
}

/**
 * `layers/imports`: a relative import (static, re-exported or dynamic) may only reach the folders
 * its own folder is allowed to import from. The path is resolved, so `../../../ui/x` from any depth
 * is seen for what it is. Options: `{ allowed: { [layer]: layer[] } }`; a layer not listed is free.
 */
const layers = {
  rules: {
    imports: {
      meta: {
        type: 'problem',
        schema: [{ type: 'object', properties: { allowed: { type: 'object' } }, additionalProperties: false }],
        messages: { outward: '{{from}}/ may not import from {{to}}/ ({{source}}): allowed are {{allowed}}.' },
      },
      create(context) {
        const allowed = context.options[0]?.allowed ?? {};
        const from = layerOf(context.filename);
        const mayImport = from === null ? undefined : allowed[from];
        if (!mayImport) return {};
        const check = (source) => {
          if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const to = layerOf(resolve(dirname(context.filename), source.value)) ?? 'outside src';
          if (to === from || mayImport.includes(to)) return;
          context.report({ node: source, messageId: 'outward', data: { from, to, source: source.value, allowed: [from, ...mayImport].join(', ') } });
        };
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
        };
      },
    },
  },
};

/**
 * Imports point inward: ui → state → (workers | persistence) → engine. Views reach storage and
 * workers only through state/; the engine reaches nothing outside itself. `files/` (encrypted plan
 * files) and `i18n/` (catalogues and formatting) sit beside the engine; `root` is src/*.ts (appInfo).
 * Import cycles, which these rules cannot see inside one folder, are checked by
 * tests/unit/importCycles.test.ts.
 */
const LAYERS = {
  engine: [],
  files: ['engine'],
  i18n: ['engine'],
  persistence: ['engine', 'files'],
  workers: ['engine', 'persistence'],
  state: ['engine', 'files', 'i18n', 'persistence', 'workers', 'root'],
  ui: ['engine', 'files', 'i18n', 'state', 'root'],
  // The plan card's stand-alone viewer: the engine and the text, nothing of the app.
  card: ['engine', 'i18n'],
};

export default ts.config(
  // AssemblyScript sources (decorators on functions, v128 types) are checked by their compiler, asc.
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'screenshots/', 'src/engine/*/wasm/assembly/'] },
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
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    plugins: { layers },
    rules: { 'layers/imports': ['error', { allowed: LAYERS }] },
  },
  {
    // The engine is pure: no DOM, storage, UI or chart code may reach it (its own folder is checked
    // by layers/imports above, at any depth).
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['dexie', 'svelte', 'svelte/*', 'ag-grid-*', 'echarts', 'echarts/*', 'comlink'] }],
    },
  },
);
