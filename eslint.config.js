// Lint: typescript-eslint with type-aware rules, and the import boundaries of docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'common/ and web/ run in the browser too: no Node built-ins.' };
const serverFromOutside = { group: ['**/server/**', '../server/*', '../../server/*'], message: 'Only the server imports server code.' };
const drizzle = { group: ['drizzle-orm', 'drizzle-orm/*'], message: 'Database access belongs in services.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'server/db/migrations/**', 'test-results/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No raw HTML.' }],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            serverFromOutside,
            drizzle,
            { group: ['**/web/**', 'fastify', 'fastify*', '@fastify/*', 'react', 'react-*', 'antd'], message: 'common/ imports only zod, dayjs and common/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/core/**/*.ts'],
    ignores: ['server/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/modules/**'], message: 'core/ never imports modules.' }] }],
    },
  },
  {
    files: ['server/modules/**/*.service.ts', 'server/modules/**/*.rules.ts', 'server/modules/**/*.source.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fastify', 'fastify*', '@fastify/*'], message: 'Services know nothing of HTTP.' },
            { group: ['**/*.routes', '**/*.routes.ts'], message: 'Services never import routes.' },
            { group: ['**/web/**'], message: 'Services never import the web app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/modules/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            drizzle,
            { group: ['**/db/**'], message: 'Routes call their service; they never touch the database.' },
            { group: ['**/core/audit', '**/core/session', '**/core/crypto', '**/core/passwords'], message: 'Routes use core/http, core/errors and core/context only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [nodeBuiltins, serverFromOutside, drizzle, { group: ['fastify', 'fastify*', '@fastify/*'], message: 'The web app talks HTTP.' }] },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'server/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
