// ESLint flat config. The editor-free layers (api, auth, core, cli, sim and the pure ssh modules)
// must never import 'vscode': they run in plain Node, in the CLI and in the simulator.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const editorFree = [
  'src/api/**', 'src/auth/**', 'src/core/**', 'src/cli/**', 'src/sim/**',
  'src/ssh/core/**',
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
    files: editorFree,
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Editor-free layer: do not import vscode here.' }],
      }],
    },
  },
  {
    // Pure parts of the editor code: loaded by unit tests and benchmarks in plain Node.
    // A type-only import of vscode is erased at compile time and stays allowed.
    files: [
      'src/tree/model/**', 'src/tree/contextValue.ts', 'src/tree/refreshScheduler.ts', 'src/tree/icons.ts', 'src/secrets/**',
      'src/config/endpoints.ts', 'src/config/settingsModel.ts', 'src/config/clientRegistry.ts', 'src/commands/commandIds.ts',
      'src/commands/createWatch.ts', 'src/ui/errorText.ts', 'src/ui/errors.ts', 'src/ui/logger.ts', 'src/ui/prompter.ts',
      'src/commands/create/{wizard,createDraft,createSteps,createFlow,customPorts,profileScaffold,lastChoices}.ts',
      'src/commands/modify/**', 'src/commands/snapshot/snapshotModel.ts', 'src/commands/image/transferModel.ts',
      'src/commands/profile/{profileCheck,profilePaths}.ts',
      'src/remote/model/**',
    ],
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
