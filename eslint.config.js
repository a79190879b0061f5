// Lint rules, including the layer rules from docs/architecture.md (enforced as VS Code does:
// one no-restricted-imports block per layer).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const pattern = (group, message) => ({ group, message });

const noCanvas = pattern(
  ['**/canvas/**', '../canvas/**'],
  'shared/ and extension/ never import canvas/.',
);
const noExtension = pattern(['**/extension/**'], 'Only extension/ itself imports extension/.');
const noUiLibs = pattern(
  ['svelte', 'svelte/*', 'wxt', 'wxt/*', 'd3-selection', 'd3', '#imports'],
  'shared/ is framework-free and DOM-free.',
);
const noContribFromCore = pattern(
  ['**/contrib/**'],
  'Only a contribution file wires contrib features in.',
);
const noWorkbench = pattern(['**/workbench/**'], 'This layer sits below the workbench.');
const noEditor = pattern(['**/editor/**'], 'This layer sits below the editor.');
const noServer = pattern(['**/server/**'], 'The browser code never imports the Node host.');

const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.wxt/',
      'dist/',
      'test-results/',
      'playwright-report/',
      '.cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'svelte/no-at-html-tags': 'error',
      // Flags every local Map/Set in a component, including plain, non-reactive working data.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  // Layer rules.
  layer(['shared/**'], [noCanvas, noExtension, noUiLibs]),
  {
    files: ['shared/**'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'shared/ is DOM-free.' },
        { name: 'document', message: 'shared/ is DOM-free: take a Document as a parameter.' },
        { name: 'localStorage', message: 'shared/ is DOM-free.' },
      ],
    },
  },
  layer(['canvas/platform/**'], [noExtension, noContribFromCore, noWorkbench, noEditor, noServer]),
  layer(['canvas/editor/**'], [noExtension, noContribFromCore, noWorkbench, noServer]),
  layer(['canvas/workbench/**'], [noExtension, noContribFromCore, noServer]),
  layer(
    ['canvas/server/**'],
    [
      noExtension,
      noContribFromCore,
      noWorkbench,
      noEditor,
      pattern(['**/platform/**'], 'The host imports only shared/ and Node.'),
    ],
  ),
  layer(['extension/**'], [noCanvas]),
  {
    files: ['canvas/contrib/*/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noExtension,
            noServer,
            {
              regex: '^\\.\\./(?!\\.\\.)[^/]+/|contrib/',
              message: 'A contrib feature never imports another: use commands or services.',
            },
          ],
        },
      ],
    },
  },
  // One write path: components dispatch commands; only commands (and per-map stores) call
  // `wb.write(...)` with a domain function.
  {
    files: ['canvas/**/*.svelte'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='write']",
          message:
            'Components write only through commands: executeCommand(id, args), not wb.write(...).',
        },
      ],
    },
  },
  // The shared UI layer (download, slug, escaping, focus, labelled fields) sits below the
  // workbench: every contribution may use it, it uses only shared/ and the DOM.
  layer(['canvas/ui/**'], [noExtension, noContribFromCore, noWorkbench, noEditor, noServer]),
  {
    files: ['extension/**'],
    languageOptions: { globals: { ...globals.webextensions } },
  },
);
