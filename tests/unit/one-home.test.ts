// One home for each fact: the logistic family is written only in lib/core/stats/logistic.ts, a pair's
// share of a win (equal rewards count 1/2) only in lib/core/reward-model/metrics.ts, and the next-pair
// policy names only in lib/core/labeling/policies.ts. This scans the source text of lib/,
// components/ and cli/ for inline logistic/softplus forms, local definitions of the family and
// hand-written lists of policy names elsewhere, and fails naming the file and line of each one it finds.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEXT_PAIR_POLICIES, POLICY_NAMES, nextPairPolicy } from '../../lib/core/labeling/policies';
import { parseExperimentValue } from '../../lib/core/playground/share';
import { DEFAULT_ACTIVE_LEARNING, PRESET_FACT_CHECK_SWEEP } from '../../lib/core/playground/sweep';
import { useLabStore } from '../../lib/store';

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['lib', 'components', 'cli'];
/** The only folder where the formulas may be written out. */
const HOME = join('lib', 'core', 'stats') + sep;

/** Inline forms of σ(x) and log(1 + eˣ), whatever the spacing. */
const INLINE_FORMS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'logistic 1 / (1 + Math.exp(…))', pattern: /\b1\s*\/\s*\(\s*1\s*\+\s*Math\.exp\s*\(/ },
  { name: 'softplus Math.log1p(Math.exp(…))', pattern: /Math\.log1p\s*\(\s*Math\.exp\s*\(/ },
  { name: 'softplus Math.log(1 + Math.exp(…))', pattern: /Math\.log\s*\(\s*1\s*\+\s*Math\.exp\s*\(/ },
  {
    name: 'a local definition of the logistic family',
    pattern: /\b(?:function\s+|(?:const|let)\s+)(?:sigmoid|logistic|softplus|negLogSigmoid|logSigmoid)\b/,
  },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(?:ts|tsx|mts|mjs|js)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** A policy name list or union written by hand: `'coverage' | 'uncertainty'`, `['coverage', 'uncertainty'`. */
const POLICY_LIST = /'coverage'\s*[|,]\s*'uncertainty'/;
const POLICY_HOME = join('lib', 'core', 'labeling', 'policies.ts');

/** `file:line: form` for every line of `text` with an inline form. */
function findForms(file: string, text: string, forms = INLINE_FORMS): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const form of forms) if (form.pattern.test(line)) hits.push(`${file}:${i + 1}: ${form.name}`);
  });
  return hits;
}

/** Every scanned source file outside `skip`, as [path from the repository root, text]. */
function scanned(skip: (file: string) => boolean): [string, string][] {
  const out: [string, string][] = [];
  for (const top of SCANNED)
    for (const path of sourceFiles(join(ROOT, top))) {
      const file = relative(ROOT, path);
      if (!skip(file)) out.push([file, readFileSync(path, 'utf8')]);
    }
  return out;
}

describe('one home for the logistic family', () => {
  it('the scanner recognises every form (it finds them in their home)', () => {
    const home = join(HOME, 'logistic.ts');
    const hits = findForms(home, readFileSync(join(ROOT, home), 'utf8'));
    expect(hits.some((h) => h.endsWith('logistic 1 / (1 + Math.exp(…))'))).toBe(true);
    expect(hits.some((h) => h.endsWith('softplus Math.log1p(Math.exp(…))'))).toBe(true);
    expect(hits.some((h) => h.endsWith('a local definition of the logistic family'))).toBe(true);
    expect(findForms('x.ts', 'const p = 1/(1+Math.exp(-d));\ny = Math.log(1 + Math.exp(x));')).toEqual([
      'x.ts:1: logistic 1 / (1 + Math.exp(…))',
      'x.ts:2: softplus Math.log(1 + Math.exp(…))',
    ]);
  });

  it('no file of lib/, components/ or cli/ outside lib/core/stats/ writes one', () => {
    const hits = scanned((file) => file.startsWith(HOME)).flatMap(([file, text]) => findForms(file, text));
    expect(hits, 'import sigmoid/softplus/negLogSigmoid from lib/core/stats/logistic.ts instead').toEqual([]);
  });
});

describe('one home for the next-pair policy names', () => {
  const forms = [{ name: 'a hand-written list of policy names', pattern: POLICY_LIST }];

  it('the scanner recognises a union and an array of names', () => {
    expect(
      findForms(
        'x.ts',
        "type P = 'coverage' | 'uncertainty' | 'disagreement';\nconst L = ['coverage', 'uncertainty'];",
        forms,
      ),
    ).toEqual(['x.ts:1: a hand-written list of policy names', 'x.ts:2: a hand-written list of policy names']);
  });

  it('no file outside lib/core/labeling/policies.ts writes the names out', () => {
    const hits = scanned((file) => file === POLICY_HOME).flatMap(([file, text]) =>
      findForms(file, text, forms),
    );
    expect(
      hits,
      'use PolicyName / POLICY_NAMES / NEXT_PAIR_POLICIES from lib/core/labeling/policies.ts',
    ).toEqual([]);
  });

  it('the list, the names, the store default, share links and the playground agree', () => {
    expect(POLICY_NAMES).toEqual(['coverage', 'uncertainty', 'disagreement']);
    expect(NEXT_PAIR_POLICIES.map((p) => p.name)).toEqual(POLICY_NAMES);
    expect(NEXT_PAIR_POLICIES.filter((p) => !p.needsModel).map((p) => p.name)).toEqual(['coverage']);
    for (const name of POLICY_NAMES) expect(nextPairPolicy(name).label.length).toBeGreaterThan(0);
    expect(POLICY_NAMES).toContain(useLabStore.getState().policy);
    expect(DEFAULT_ACTIVE_LEARNING.policies).toEqual(POLICY_NAMES);
    const study = { kind: 'active-learning' as const, ...DEFAULT_ACTIVE_LEARNING };
    expect(parseExperimentValue({ ...PRESET_FACT_CHECK_SWEEP, study }).ok).toBe(true);
    const unknown = { ...study, policies: ['random'] };
    expect(parseExperimentValue({ ...PRESET_FACT_CHECK_SWEEP, study: unknown }).ok).toBe(false);
  });
});

describe('one home for pairwise accuracy', () => {
  const forms = [
    { name: 'an inline win share (… ? 1 : … ? 0.5 : 0)', pattern: /\?\s*1\s*:[^;]*\?\s*0\.5\s*:\s*0\b/ },
    { name: 'an inline win share (d === 0 ? 0.5 : …)', pattern: /===?\s*0\s*\?\s*0\.5\s*:/ },
  ];
  const home = join('lib', 'core', 'reward-model', 'metrics.ts');

  it('the scanner recognises the form (it finds it in its home)', () => {
    expect(findForms(home, readFileSync(join(ROOT, home), 'utf8'), forms)).toHaveLength(1);
    expect(findForms('x.ts', 'right += d === 0 ? 0.5 : Math.sign(d) === t ? 1 : 0;', forms)).toHaveLength(1);
  });

  it('no other file counts hits by hand: they call pairwiseMetrics / accuracy / winShare', () => {
    const hits = scanned((file) => file === home).flatMap(([file, text]) => findForms(file, text, forms));
    expect(hits, 'use pairwiseMetrics, accuracy or winShare from lib/core/reward-model/metrics.ts').toEqual(
      [],
    );
  });
});
