// The layer rules of eslint.config.mjs reject what they should: each is fed a file that breaks it (at a
// path inside the guarded folder, importing by relative path and by the '@/' alias) and must report it,
// while the same kind of import from an allowed folder passes. Lint resolves paths, so spelling does not
// matter.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Rule ids with messages that lint reports as errors for `code` placed at `file` (relative to the root). */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const violations: [string, string, string, RegExp][] = [
  [
    'lib/core imports lib/db by relative path',
    'lib/core/goodhart/probe.ts',
    "import { getDb } from '../../db/db';",
    /lib\/core is the pure core/,
  ],
  [
    'lib/core imports lib/ml by alias',
    'lib/core/probe.ts',
    "import { trainRewardModel } from '@/lib/ml/train';",
    /lib\/core is the pure core/,
  ],
  [
    'lib/core imports the UI store',
    'lib/core/labeling/probe.ts',
    "import { useLabStore } from '../../store';",
    /lib\/core is the pure core/,
  ],
  [
    'lib/core imports a worker API',
    'lib/core/probe.ts',
    "import type { InspectWorkerApi } from '../workers/inspect-api';",
    /lib\/core is the pure core/,
  ],
  [
    'lib/db imports lib/ml',
    'lib/db/probe.ts',
    "import { trainRewardModel } from '../ml/train';",
    /lib\/db reads and writes/,
  ],
  [
    'lib/ml imports lib/db',
    'lib/ml/probe.ts',
    "import { getDb } from '../db/db';",
    /lib\/ml is TF\.js maths/,
  ],
  [
    'lib/store imports lib/db',
    'lib/store/probe.ts',
    "import { getDb } from '../db/db';",
    /lib\/store holds UI state/,
  ],
  [
    'a worker imports a component',
    'lib/workers/probe.ts',
    "import { Button } from '../../components/ui/Button';",
    /Workers run lib\/ code only/,
  ],
  [
    'a component imports the Dexie instance',
    'components/data/Probe.tsx',
    "import { getDb } from '@/lib/db/db';",
    /never touch the Dexie instance/,
  ],
  [
    'a route imports the Dexie instance',
    'app/probe/page.tsx',
    "import { getDb } from '../../lib/db/db';",
    /never touch the Dexie instance/,
  ],
  [
    'lib/core imports TF.js',
    'lib/core/probe.ts',
    "import * as tf from '@tensorflow/tfjs';",
    /TF\.js lives only in lib\/ml/,
  ],
  [
    'lib/core imports Dexie',
    'lib/core/probe.ts',
    "import Dexie from 'dexie';",
    /Dexie lives only in lib\/db/,
  ],
  ['lib/ml imports React', 'lib/ml/probe.ts', "import { useState } from 'react';", /no React or Next/],
  ['a component imports Dexie', 'components/data/Probe.tsx', "import Dexie from 'dexie';", /Use lib\/db/],
];

const LAYER_RULES = ['import/no-restricted-paths', 'no-restricted-imports'];

describe('layer rules', () => {
  it.each(violations)('rejects: %s', async (_what, file, code, message) => {
    const found = await problems(file, `${code}\nexport const probe = 1;\n`);
    expect(
      found.some((p) => message.test(p)),
      found.join('\n'),
    ).toBe(true);
  });

  it.each([
    ['lib/ml may import lib/core', 'lib/ml/probe.ts', "import { bestOfN } from '../core/goodhart/metrics';"],
    ['lib/db may import lib/core', 'lib/db/probe.ts', "import type { Comparison } from '../core/types';"],
    ['a worker may import lib/db', 'lib/workers/probe.ts', "import { getDb } from '../db/db';"],
    [
      'a component may import lib/core',
      'components/data/Probe.tsx',
      "import { bestOfN } from '@/lib/core/goodhart/metrics';",
    ],
  ])('allows: %s', async (_what, file, code) => {
    const found = await problems(file, `${code}\nexport const probe = 1;\n`);
    expect(found.filter((p) => LAYER_RULES.some((r) => p.startsWith(r)))).toEqual([]);
  });
});
