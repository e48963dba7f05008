// ESLint flat config. Folder rules keep TF.js inside lib/ml, Dexie inside lib/db, and React/Next out of lib/;
// path rules (import/no-restricted-paths, resolved like the compiler does) keep the layers apart however
// an import is spelled. tests/unit/lint-rules.test.ts feeds each rule a violating file.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const noFramework = [
  {
    group: ['react', 'react-dom', 'react/*', 'next', 'next/*'],
    message: 'lib/ is plain TypeScript: no React or Next.',
  },
];
const noTf = [{ group: ['@tensorflow/*'], message: 'TF.js lives only in lib/ml.' }];
const noDexie = [
  { group: ['dexie', 'dexie-react-hooks', 'dexie/*'], message: 'Dexie lives only in lib/db.' },
];
const noReactHooksDexie = [{ group: ['dexie-react-hooks'], message: 'React hooks belong in components/.' }];

/** Which folder may not import which: one zone per rule, each with the sentence lint prints. */
export const LAYER_ZONES = [
  {
    target: './lib/core',
    from: ['./lib/db', './lib/ml', './lib/store', './lib/workers', './components', './app', './cli'],
    message:
      'lib/core is the pure core: it imports nothing from lib/db, lib/ml, lib/store, lib/workers or the app.',
  },
  {
    target: './lib/db',
    from: ['./lib/ml', './lib/store', './lib/workers', './components', './app', './cli'],
    message: 'lib/db reads and writes the database only: no TF.js models, UI state, workers or app code.',
  },
  {
    target: './lib/ml',
    from: ['./lib/db', './lib/store', './lib/workers', './components', './app', './cli'],
    message: 'lib/ml is TF.js maths: no database, UI state, workers or app code.',
  },
  {
    target: './lib/store',
    from: ['./lib/db', './lib/ml', './lib/workers', './components', './app', './cli'],
    message: 'lib/store holds UI state only: it imports lib/core, never the database, TF.js or workers.',
  },
  {
    target: './lib/workers',
    from: ['./components', './app', './cli', './lib/store'],
    message: 'Workers run lib/ code only: no React components, routes, CLI or UI state.',
  },
  {
    target: ['./components', './app'],
    from: './lib/db/db.ts',
    message:
      'Components never touch the Dexie instance or its tables: call lib/db functions (lib/db/app.ts).',
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      'out/**',
      'dist/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { rules: { 'import/no-restricted-paths': ['error', { zones: LAYER_ZONES }] } },
  {
    files: ['lib/core/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noFramework, ...noTf, ...noDexie] }] },
  },
  {
    files: ['lib/ml/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noFramework, ...noDexie] }] },
  },
  {
    files: ['lib/db/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...noFramework, ...noTf, ...noReactHooksDexie] }],
    },
  },
  {
    files: ['lib/store/**', 'cli/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noFramework, ...noDexie] }] },
  },
  {
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/*'],
              message: 'TF.js lives only in lib/ml; load it in the training worker.',
            },
            {
              group: ['dexie'],
              message: 'Use lib/db repository functions (useLiveQuery from dexie-react-hooks is fine).',
            },
          ],
        },
      ],
    },
  },
];

export default config;
