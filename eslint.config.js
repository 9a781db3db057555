import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bench/results/**', 'libs/client/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    // No consistent-type-imports: with emitDecoratorMetadata, Nest needs injected classes as value imports.
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['error'] }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through loadConfig (libs/platform/config) only.',
        },
      ],
    },
  },
  {
    files: ['libs/platform/config/config.ts', 'apps/*/src/token.ts', 'apps/*/src/cli.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'scripts/**/*.mjs'],
    rules: { 'no-restricted-syntax': 'off', 'no-console': 'off' },
  },
  {
    // The dashboard's own script runs in the browser (no build step, no modules).
    files: ['dashboard/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        Option: 'readonly',
      },
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    // Tests choose their servers from the environment (TEST_DATABASE_URL, KURRENTDB_CONNECTION_STRING, ...).
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-console': 'off', 'no-restricted-syntax': 'off' },
  },
);
