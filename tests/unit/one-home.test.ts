// One home for each formula: the logistic family is written only in lib/core/stats/logistic.ts. This scans
// the source text of lib/, components/ and cli/ for inline logistic/softplus forms and local definitions
// of the family elsewhere, and fails naming the file and line of each one it finds.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

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

/** `file:line: form` for every line of `text` with an inline form. */
function findForms(file: string, text: string): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const form of INLINE_FORMS) if (form.pattern.test(line)) hits.push(`${file}:${i + 1}: ${form.name}`);
  });
  return hits;
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
    const hits: string[] = [];
    for (const top of SCANNED)
      for (const path of sourceFiles(join(ROOT, top))) {
        const file = relative(ROOT, path);
        if (file.startsWith(HOME)) continue;
        hits.push(...findForms(file, readFileSync(path, 'utf8')));
      }
    expect(hits, 'import sigmoid/softplus/negLogSigmoid from lib/core/stats/logistic.ts instead').toEqual([]);
  });
});
