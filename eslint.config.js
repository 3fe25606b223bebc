// ESLint flat config: the house rules of CONVENTIONS.md that a tool can check.
// Typed rules are limited to those that catch real bugs here (unhandled promises, impossible
// conditions in switches); the rest of recommended-type-checked costs more than it finds.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'bench/', 'node_modules/', 'fixtures/', 'src/schemas/generated/', 'src/model/chart-defaults/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // A tree walk starts at the receiver; the alias is the cursor, not a captured `this`.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['node'] }],
      // The parsers and the terminal reporter match control characters on purpose.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { structuredClone: 'readonly', process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
);
