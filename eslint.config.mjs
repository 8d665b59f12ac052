// ESLint flat config. Pure code is found by its path (the floors are in test/unit/extension/support/layers.ts,
// which checks this file against them): the vscode-free folders never import 'vscode' (they run in plain
// Node: the CLI, the simulator, unit tests, benchmarks), and a `model/` folder imports it only as a type.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const vscodeFree = [
  'src/util/**', 'src/api/**', 'src/ssh/core/**', 'src/auth/**', 'src/core/**', 'src/secrets/**', 'src/access/**',
  'src/chain/**', 'src/cli/**', 'src/sim/**',
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.test-output/**', 'bench/tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: vscodeFree,
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'vscode-free folder: do not import vscode here.' }],
      }],
    },
  },
  {
    // The pure parts of the editor folders (`model/`): loaded by unit tests and benchmarks in plain Node.
    // A type-only import of vscode is erased at compile time and stays allowed.
    files: ['src/**/model/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Pure module: only `import type` from vscode here.', allowTypeImports: true }],
      }],
    },
  },
  {
    // Commands are registered only through ui/runCommand.ts, context keys set only in ui/contextKeys.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/ui/runCommand.ts', 'src/ui/contextKeys.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name='registerCommand']", message: 'Register commands through ui/runCommand.ts.' },
        { selector: "CallExpression[callee.property.name='executeCommand'] > Literal[value='setContext']", message: 'Set context keys through ui/contextKeys.ts.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/sim/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
