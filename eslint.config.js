import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** What the pure layers (domain, module definitions, server) must not import. */
const pureLayerForbids = [
  {
    group: ['react', 'react-dom', 'react-dom/*', 'react/*', '@xyflow/*', 'zustand', 'zustand/*'],
    message: 'The domain is pure TypeScript: no React, React Flow or stores.',
  },
  {
    group: ['@tanstack/*', 'idb', 'lucide-react', '@codemirror/*', 'react-resizable-panels'],
    message: 'The domain is pure TypeScript: no UI or browser storage libraries.',
  },
  {
    group: [
      '**/persistence/**',
      '**/store/**',
      '**/panels/**',
      '**/canvas/**',
      '**/workspace/**',
      '**/webservice-calls/**',
      '**/modules/moduleViews',
      '**/modules/*/*Inspector',
    ],
    message: 'The domain imports only the domain and the module definitions.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'test-results',
      'playwright-report',
      'bench/results',
      'bench/_dbg',
    ],
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // The domain (and the module registry's pure side) is shared by the page, the server and
    // the command line: it imports nothing of React, the DOM, React Flow, storage or the server.
    files: [
      'src/domain/**/*.ts',
      'src/modules/ModuleDefinition.ts',
      'src/modules/moduleDefinitions.ts',
      'src/modules/*/*Module.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...pureLayerForbids,
            { group: ['**/server/**'], message: 'The server imports the domain, not the reverse.' },
          ],
        },
      ],
    },
  },
  {
    // The server imports only the domain (and Node and its own libraries).
    files: ['src/server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: pureLayerForbids }],
    },
  },
  {
    // The stores hold state; reading and writing storage is persistence's job.
    files: ['src/store/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/persistence/**', 'idb'],
              message: 'The stores do not import persistence; it subscribes to them.',
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
);
