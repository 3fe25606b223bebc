// ESLint flat config: the house rules of CONVENTIONS.md that a tool can check.
// Typed rules are limited to those that catch real bugs here (unhandled promises, impossible
// conditions in switches); the rest of recommended-type-checked costs more than it finds.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

// The rooms of src/ and who may import whom (ARCHITECTURE.md): cli -> engine -> model <- parse;
// report sees findings and rule metadata only; rules import src/engine/index.ts only; the engine
// never imports rules (src/index.ts and the CLI hand it the registry, src/registry.ts). Inside
// the model: values <- chart <- config <- facts <- the core (model.ts, render.ts). A zone names the
// files (`target`) that may not import from `from`.
const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });
const ROOMS = [
  zone(
    'src/parse',
    ['src/model', 'src/engine', 'src/cli', 'src/report', 'src/registry.ts', 'rules'],
    'parse is the bottom room: it reads text into positioned trees and knows nothing above it.',
  ),
  zone('src/schemas', ['src/model', 'src/engine', 'src/cli', 'src/report', 'src/parse', 'rules'], 'the generated validators stand alone.'),
  zone(
    'src/model',
    ['src/engine', 'src/cli', 'src/report', 'src/registry.ts', 'rules'],
    'the model never sees the engine, the CLI, the reporters or the rules.',
  ),
  zone(
    'src/engine',
    ['src/cli', 'src/report', 'src/registry.ts', 'rules'],
    'the engine runs the rules it is given: the registry comes from src/index.ts or the CLI.',
  ),
  zone(
    'src/report',
    ['src/model', 'src/parse', 'src/cli', 'src/registry.ts', 'rules', 'src/engine'],
    'reporters see findings and rule metadata only.',
    ['./types.ts', './scope.ts'],
  ),
  zone('rules', ['src'], 'a rule imports src/engine/index.ts only.', ['./engine/index.ts']),
  // Policies are rules a config file declares: read by the CLI, run by the engine like any rule.
  zone('src/policy', ['src/cli', 'src/report', 'src/registry.ts', 'rules'], 'policies are rules: the CLI loads them, they never see it.'),
  zone(['src/engine', 'src/model', 'src/parse', 'src/schemas'], ['src/policy'], 'only the CLI loads policies.'),
  // The model's rooms.
  zone(
    'src/model/values',
    ['src/model/chart', 'src/model/config', 'src/model/facts', 'src/model/model.ts', 'src/model/render.ts', 'src/model/secrets.ts'],
    "values/ is the model's bottom room: the layered tree only.",
  ),
  zone(
    'src/model/chart',
    ['src/model/config', 'src/model/facts', 'src/model/model.ts', 'src/model/render.ts', 'src/model/secrets.ts'],
    'chart/ decides what the templates render from the values; it reads no Vault config and no fact.',
  ),
  zone(
    'src/model/config',
    ['src/model/facts', 'src/model/model.ts', 'src/model/render.ts', 'src/model/secrets.ts'],
    'config/ reads the Vault config the chart selects; facts are built on it, not the other way.',
  ),
  zone('src/model/facts', ['src/model/model.ts', 'src/model/render.ts'], 'a fact takes the narrow view it needs, never the whole Model.'),
];

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
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      // Generated data modules import nothing that can close a circle; parsing them is most of the cost.
      'import-x/ignore': ['/schemas/generated/', '/chart-defaults/', '/chart/defaults/'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      // Runtime imports; test/architecture.test.ts counts type-only imports too.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: ROOMS }],
    },
  },
  {
    // A rule that needs a mode guard is asking for meta.appliesTo; truthiness comes from facts
    // (src/model/facts/), which src/engine/index.ts exports in place of the helpers.
    files: ['rules/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/] > MemberExpression.left[property.name='mode']",
          message: 'Declare the modes in meta.appliesTo instead of comparing model.mode in the rule.',
        },
        {
          selector: 'CallExpression[callee.name=/^(vaultBool|helmTruthy|helmEqualsTrue|helmToString)$/]',
          message: 'Read a fact (context.fact, ConfigValue.truth) instead of testing truthiness in the rule.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { structuredClone: 'readonly', process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
);
