// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const packages = ['runtime', 'nodes', 'operator', 'webhook-gateway', 'cli'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.tools/**', '.stack/**', 'coverage/**'] },
  js.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'AbortController', 'performance', 'setTimeout', 'clearTimeout', 'Buffer'].map((g) => [g, 'readonly']),
      ),
    },
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json', conditionNames: ['source', 'types', 'import', 'default'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: Infinity }],
      // No deep imports across packages: each package is reached only through its public index.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@budflow/*/*'], message: 'Import a package through its public index only.' },
            ...packages.map((p) => ({ group: [`../../${p}/*`, `../../../${p}/*`], message: `Import @budflow/${p}, not its files.` })),
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['runtime/src/**/*.ts'],
    ignores: ['runtime/src/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'runtime/ is pure: no process access.' }],
    },
  },
);
