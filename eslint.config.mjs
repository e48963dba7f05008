// ESLint flat config. Folder rules keep TF.js inside lib/ml, Dexie inside lib/db, and React/Next out of lib/.
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

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      'out/**',
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
