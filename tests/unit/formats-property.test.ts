// Property tests: random and mutated files never make an importer throw, every issue has a real line,
// the records produced are always valid and consistent, and streaming in chunks changes nothing.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportLabelsJsonl } from '../../lib/core/formats/export';
import { createImporter, parseFile } from '../../lib/core/formats/parse';
import { FORMATS, type FormatId, type ImportResult } from '../../lib/core/formats/result';
import { annotatorSchema, comparisonSchema, datasetFileSchema } from '../../lib/core/formats/schemas';
import { exportSession } from '../../lib/core/formats/session';
import { validRun } from './run-fixture';

const tqaHead = readFileSync(new URL('../../../shared/data/TruthfulQA.csv', import.meta.url), 'utf8')
  .split('\n')
  .slice(0, 12)
  .join('\n');
const trl = [
  { prompt: 'Is the earth flat?', chosen: 'No.', rejected: 'Yes, clearly.', margin: 1 },
  { prompt: 'Capital of France?', chosen: 'Paris', rejected: 'Lyon' },
  { prompt: 'Capital of France?', chosen: 'Paris', rejected: 'Marseille' },
];
const trlText = trl.map((r) => JSON.stringify(r)).join('\n') + '\n';
const hhText =
  JSON.stringify({
    chosen: '\n\nHuman: hi\n\nAssistant: hello',
    rejected: '\n\nHuman: hi\n\nAssistant: go away',
  }) +
  '\n' +
  JSON.stringify({ chosen: '\n\nHuman: 2+2?\n\nAssistant: 4', rejected: '\n\nHuman: 2+2?\n\nAssistant: 5' }) +
  '\n';
const rankedText =
  JSON.stringify({ prompt: 'Q', responses: ['a', { text: 'b', correct: true }, 'c'], ranking: [1, 0, 2] }) +
  '\n';
const first = parseFile('trl.jsonl', trlText, { now: 0 });
const labelsText = exportLabelsJsonl(first);
const sessionText = exportSession({
  format: 'goodhart-session',
  version: 1,
  exportedAt: 1,
  datasets: [first.dataset],
  comparisons: first.comparisons,
  skips: [],
  annotators: first.annotators,
  models: [validRun('run1', first.dataset.dataset.id)],
  settings: { seed: 3 },
});
const VALID: [string, string][] = [
  ['trl.jsonl', trlText],
  ['hh.jsonl', hhText],
  ['ranked.jsonl', rankedText],
  ['TruthfulQA.csv', tqaHead],
  ['labels.jsonl', labelsText],
  ['session.json', sessionText],
  ['mapped.csv', 'question,response_a,response_b,winner\nq,x,y,model_a\n'],
];

/** Whatever the input, the output is records the database can write safely. */
function checkResult(r: ImportResult, text: string): void {
  const lines = text.split('\n').length;
  for (const issue of r.issues) {
    expect(Number.isInteger(issue.line)).toBe(true);
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.line).toBeLessThanOrEqual(lines + 1);
    expect(issue.message.length).toBeGreaterThan(0);
  }
  expect(r.validRows).toBeLessThanOrEqual(r.totalRows);
  const datasets = r.session ? r.session.datasets : [r.dataset];
  const responses = new Map<string, string>();
  for (const d of datasets) {
    expect(datasetFileSchema.safeParse(d).success).toBe(true);
    const prompts = new Set(d.prompts.map((p) => p.id));
    for (const x of d.responses) {
      expect(prompts.has(x.promptId)).toBe(true);
      responses.set(x.id, x.promptId);
    }
  }
  const annotators = new Set(r.annotators.map((a) => a.id));
  for (const a of r.annotators) expect(annotatorSchema.safeParse(a).success).toBe(true);
  for (const c of r.comparisons) {
    expect(comparisonSchema.safeParse(c).success).toBe(true);
    expect(responses.get(c.aId)).toBe(c.promptId);
    expect(responses.get(c.bId)).toBe(c.promptId);
    expect(c.aId).not.toBe(c.bId);
    expect(annotators.has(c.annotatorId)).toBe(true);
  }
}

const formatArb = fc.constantFrom<FormatId | undefined>(undefined, ...FORMATS);

describe('import never throws', () => {
  it('on random text, in any format', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json(), fc.lorem({ mode: 'sentences' })),
        formatArb,
        (text, format) => {
          const r = parseFile('random.txt', text, { format, now: 0 });
          checkResult(r, text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on random JSONL records with plausible keys', () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
    );
    const key = fc.constantFrom(
      'prompt',
      'chosen',
      'rejected',
      'margin',
      'responses',
      'ranking',
      'format',
      'outcome',
      'response_a',
      'response_b',
      'question',
    );
    const record = fc.dictionary(key, value, { maxKeys: 6 });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), formatArb, (records, format) => {
        const text = records.map((r) => JSON.stringify(r)).join('\n');
        checkResult(parseFile('r.jsonl', text, { format, now: 0 }), text);
      }),
      { numRuns: 400 },
    );
  });

  it('on mutated valid files: truncated, a character flipped, a field deleted, a type changed', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat(),
        ch: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
      }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('retype' as const),
        at: fc.nat(),
        to: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([])),
      }),
    );
    let broken = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        ([name, valid], mutations) => {
          let text = valid;
          for (const m of mutations) {
            const at = m.at % (text.length + 1);
            if (m.kind === 'truncate') text = text.slice(0, at);
            else if (m.kind === 'flip') text = text.slice(0, at) + m.ch + text.slice(at + 1);
            else {
              // Delete a field or change its type: the quoted key nearest after `at`, with its value.
              const re = /"([^"\\]+)":\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null|\[[^\]]*\])/g;
              re.lastIndex = at;
              const hit = re.exec(text) ?? ((re.lastIndex = 0), re.exec(text));
              if (!hit) continue;
              const replacement =
                m.kind === 'delete' ? `"x_${hit[1]}": 0` : `"${hit[1]}": ${JSON.stringify(m.to)}`;
              text = text.slice(0, hit.index) + replacement + text.slice(hit.index + hit[0].length);
            }
          }
          const r = parseFile(name, text, { now: 0 });
          checkResult(r, text);
          if (r.issues.some((i) => i.severity === 'error')) broken++;
        },
      ),
      { numRuns: 500 },
    );
    // The mutations must actually break files (otherwise this test would prove nothing).
    expect(broken).toBeGreaterThan(100);
  });

  it('the valid files themselves import without errors', () => {
    for (const [name, text] of VALID) {
      const r = parseFile(name, text, { now: 0 });
      expect([name, r.issues.filter((i) => i.severity === 'error')]).toEqual([name, []]);
      checkResult(r, text);
    }
  });
});

describe('streaming', () => {
  it('gives the same result however the text is cut into chunks', () => {
    const texts = fc.oneof(
      fc.constantFrom(...VALID.map(([, t]) => t)),
      fc.constantFrom(trlText.replace(/\n/g, '\r\n') + 'garbage line\n\n{"prompt":1}'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID.map(([n]) => n)),
        texts,
        fc.array(fc.nat(), { maxLength: 6 }),
        (name, text, cuts) => {
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const importer = createImporter(name, { now: 0 });
          let prev = 0;
          for (const p of points) {
            importer.push(text.slice(prev, p));
            prev = p;
          }
          importer.push(text.slice(prev));
          expect(importer.finish()).toEqual(parseFile(name, text, { now: 0 }));
        },
      ),
      { numRuns: 300 },
    );
  });
});
