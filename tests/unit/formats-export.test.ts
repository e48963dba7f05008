// Exports: TRL, HH-RLHF, labels and session bundles, checked by hand-worked cases and round trips.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotator, Comparison, DatasetFile } from '../../lib/core/types';
import {
  exportHhJsonl,
  exportLabelsJsonl,
  exportTrlJsonl,
  preferencePairs,
  type ExportInput,
} from '../../lib/core/formats/export';
import { parsePairsText } from '../../lib/core/formats/pairs';
import { parseFile, parseFileBytes } from '../../lib/core/formats/parse';
import { hasErrors } from '../../lib/core/formats/result';
import { jsonPathLines } from '../../lib/core/formats/json';
import { exportSession, type SessionBundle } from '../../lib/core/formats/session';
import { validRun } from './run-fixture';

const dataset: DatasetFile = {
  format: 'goodhart-dataset',
  version: 1,
  dataset: { id: 'ds1', name: 'demo', description: 'd', source: 'builtin:demo', created: 5 },
  prompts: [{ id: 'p1', datasetId: 'ds1', text: 'What is 2+2?', category: 'arithmetic' }],
  responses: [
    { id: 'r1', promptId: 'p1', datasetId: 'ds1', text: '4', correct: true, tags: ['style:plain'] },
    {
      id: 'r2',
      promptId: 'p1',
      datasetId: 'ds1',
      text: '5, obviously.',
      correct: false,
      tags: ['style:fluent'],
    },
  ],
};
const annotators: Annotator[] = [
  { id: 'ann', name: 'Ann', kind: 'human', created: 1 },
  { id: 'bob', name: 'sim: hurried rater', kind: 'simulated', created: 2 },
];
const cmp = (id: string, outcome: Comparison['outcome'], extra: Partial<Comparison> = {}): Comparison => ({
  id,
  datasetId: 'ds1',
  promptId: 'p1',
  aId: 'r1',
  bId: 'r2',
  outcome,
  annotatorId: 'ann',
  createdAt: 1000,
  durationMs: 1500,
  ...extra,
});
const comparisons = [
  cmp('c1', 'a', { strength: 3, rationale: 'arithmetic' }),
  cmp('c2', 'b', { aId: 'r2', bId: 'r1' }),
  cmp('c3', 'tie', { annotatorId: 'bob' }),
  cmp('c4', 'both_bad'),
  cmp('c5', 'a', { datasetId: 'other' }),
];
const input: ExportInput = { dataset, comparisons, annotators };

describe('TRL export', () => {
  it('writes chosen/rejected by outcome, margin = strength − 1, drops ties and both_bad by default', () => {
    const lines = exportTrlJsonl(input)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { prompt: 'What is 2+2?', chosen: '4', rejected: '5, obviously.', margin: 2 },
      { prompt: 'What is 2+2?', chosen: '4', rejected: '5, obviously.', margin: 0 },
    ]);
  });

  it('splits a tie into both orders with margin 0, and filters by annotator', () => {
    expect(preferencePairs(input, { ties: 'split', annotatorIds: ['bob'] })).toEqual([
      { prompt: 'What is 2+2?', chosen: '4', rejected: '5, obviously.', margin: 0 },
      { prompt: 'What is 2+2?', chosen: '5, obviously.', rejected: '4', margin: 0 },
    ]);
  });

  it('re-importing an exported TRL file gives the same pairs (and the same file again)', () => {
    const row = fc.record({
      // A blank prompt is refused on import (as the mapped importer does), so it never reaches an export.
      prompt: fc.string({ minLength: 1 }).filter((p) => p.trim() !== ''),
      chosen: fc.string(),
      rejected: fc.string(),
      margin: fc.constantFrom(0, 1, 2),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        const pairs = rows.filter((r) => r.chosen !== r.rejected);
        const text = pairs.map((r) => JSON.stringify(r) + '\n').join('');
        const r = parseFile('pairs.jsonl', text, { format: 'trl-jsonl', now: 0 });
        expect(hasErrors(r)).toBe(false);
        // Repeated rows are merged on import, so compare with the distinct rows in first-seen order.
        const distinct = [
          ...new Map(pairs.map((p) => [JSON.stringify([p.prompt, p.chosen, p.rejected]), p])).values(),
        ];
        const again = preferencePairs({
          dataset: r.dataset,
          comparisons: r.comparisons,
          annotators: r.annotators,
        });
        expect(again).toEqual(distinct);
        expect(
          exportTrlJsonl({ dataset: r.dataset, comparisons: r.comparisons, annotators: r.annotators }),
        ).toBe(distinct.map((p) => JSON.stringify(p) + '\n').join(''));
      }),
    );
  });
});

describe('HH-RLHF export', () => {
  it('wraps a plain prompt as one Human turn', () => {
    expect(JSON.parse(exportHhJsonl(input).split('\n')[0])).toEqual({
      chosen: '\n\nHuman: What is 2+2?\n\nAssistant: 4',
      rejected: '\n\nHuman: What is 2+2?\n\nAssistant: 5, obviously.',
    });
  });

  it('a TRL conversation with a system message exports to HH-RLHF and back with the same texts', () => {
    const row = {
      chosen: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is 2+2?' },
        { role: 'assistant', content: '4' },
      ],
      rejected: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is 2+2?' },
        { role: 'assistant', content: '5' },
      ],
    };
    const first = parseFile('chat.jsonl', JSON.stringify(row), { now: 0 });
    expect(hasErrors(first)).toBe(false);
    const hh = exportHhJsonl({
      dataset: first.dataset,
      comparisons: first.comparisons,
      annotators: first.annotators,
    });
    expect(JSON.parse(hh.split('\n')[0])).toEqual({
      chosen: '\n\nSystem: Be brief.\n\nHuman: What is 2+2?\n\nAssistant: 4',
      rejected: '\n\nSystem: Be brief.\n\nHuman: What is 2+2?\n\nAssistant: 5',
    });
    const again = parseFile('chat-hh.jsonl', hh, { now: 0 });
    expect(again.dataset.prompts.map((p) => p.text)).toEqual(first.dataset.prompts.map((p) => p.text));
    expect(again.dataset.responses.map((r) => r.text).sort()).toEqual(['4', '5']);
  });

  it('the shared HH-RLHF file survives import → HH export → import with the same pairs', () => {
    const bytes = readFileSync(
      new URL('../../../shared/data/hh-rlhf-harmless-test.jsonl.gz', import.meta.url),
    );
    const first = parseFileBytes('hh.jsonl.gz', bytes, { now: 0 });
    const data = { dataset: first.dataset, comparisons: first.comparisons, annotators: first.annotators };
    const second = parseFile('hh-again.jsonl', exportHhJsonl(data), { now: 0 });
    expect(hasErrors(second)).toBe(false);
    const pairsOf = (r: typeof first) =>
      preferencePairs({ dataset: r.dataset, comparisons: r.comparisons, annotators: r.annotators });
    expect(pairsOf(second)).toEqual(pairsOf(first));
    expect(second.comparisons).toHaveLength(2312);
  });
});

describe('labels export', () => {
  it('round-trips every comparison of the dataset with ids, timestamps, rationale and annotators', () => {
    const text = exportLabelsJsonl(input);
    const r = parseFile('ann-labels.jsonl', text, { now: 0 });
    expect(r.format).toBe('goodhart-labels');
    expect(hasErrors(r)).toBe(false);
    expect(r.comparisons).toEqual(comparisons.slice(0, 4));
    expect(r.annotators).toEqual(annotators);
    expect(r.dataset.dataset.id).toBe('ds1');
    expect(r.dataset.responses.map((x) => [x.id, x.text])).toEqual([
      ['r1', '4'],
      ['r2', '5, obviously.'],
    ]);
  });

  it('is readable by the pairs parser used for training (both_bad left out)', () => {
    const parsed = parsePairsText(exportLabelsJsonl(input));
    expect(parsed.errors).toEqual([]);
    expect(parsed.pairs.map((p) => [p.chosen, p.tie ?? false])).toEqual([
      ['4', false],
      ['4', false],
      ['4', true],
    ]);
  });
});

/** JSON values as JSON can carry them (JSON has no −0, so it is normalised to 0 first). */
const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

/** A random, internally consistent session bundle. */
const bundleArb: fc.Arbitrary<SessionBundle> = fc
  .record({
    exportedAt: fc.nat(),
    prompts: fc.array(
      fc.record({ text: fc.string(), category: fc.string(), k: fc.integer({ min: 2, max: 4 }) }),
      { maxLength: 4 },
    ),
    labels: fc.array(
      fc.record(
        {
          p: fc.nat(),
          outcome: fc.constantFrom('a', 'b', 'tie', 'both_bad' as const),
          strength: fc.constantFrom(1, 2, 3 as const),
          rationale: fc.string(),
          createdAt: fc.nat(),
          durationMs: fc.nat(),
        },
        { requiredKeys: ['p', 'outcome', 'createdAt', 'durationMs'] },
      ),
      { maxLength: 6 },
    ),
    gold: fc.array(
      fc.record(
        {
          correct: fc.boolean(),
          goldScore: fc.double({ noNaN: true, noDefaultInfinity: true }),
          source: fc.string(),
        },
        { requiredKeys: [] },
      ),
      {
        maxLength: 16,
      },
    ),
    models: fc.array(
      fc.record({
        name: fc.string(),
        createdAt: fc.nat(),
        w0: fc.integer({ min: -1000, max: 1000 }).map((x) => x / 100 + 0),
        imported: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
    // `__proto__` keys are dropped on parse on purpose (no prototype pollution from imported files).
    settings: fc.dictionary(
      fc.string().filter((k) => k !== '__proto__'),
      jsonValue,
      { maxKeys: 3 },
    ),
  })
  .map(({ exportedAt, prompts, labels, gold, models, settings }) => {
    const ds: DatasetFile = {
      format: 'goodhart-dataset',
      version: 1,
      dataset: { id: 'ds', name: 'n', description: '', source: 's', created: 0 },
      prompts: prompts.map((p, i) => ({ id: `p${i}`, datasetId: 'ds', text: p.text, category: p.category })),
      responses: prompts.flatMap((p, i) =>
        Array.from({ length: p.k }, (_, j) => {
          const g = gold[(i * 4 + j) % Math.max(1, gold.length)] ?? {};
          // JSON has no −0: a −0 gold score would come back as 0.
          const extra = Object.is(g.goldScore, -0) ? { ...g, goldScore: 0 } : g;
          return {
            id: `p${i}r${j}`,
            promptId: `p${i}`,
            datasetId: 'ds',
            text: `resp ${j}`,
            tags: [`style:${j}`],
            ...extra,
          };
        }),
      ),
    };
    const comps: Comparison[] =
      prompts.length === 0
        ? []
        : labels.map(({ p, ...l }, n) => {
            const i = p % prompts.length;
            return {
              id: `c${n}`,
              datasetId: 'ds',
              promptId: `p${i}`,
              aId: `p${i}r0`,
              bId: `p${i}r1`,
              annotatorId: 'a1',
              ...l,
            };
          });
    return {
      format: 'goodhart-session',
      version: 1,
      exportedAt,
      datasets: prompts.length === 0 ? [] : [ds],
      comparisons: comps,
      skips: comps.slice(0, 1).map((c) => ({
        id: `s${c.id}`,
        datasetId: c.datasetId,
        promptId: c.promptId,
        aId: c.aId,
        bId: c.bId,
        annotatorId: 'a1',
        createdAt: 0,
      })),
      annotators: [{ id: 'a1', name: 'Ann', kind: 'human', created: 0 }],
      models: models.map((m, i) =>
        validRun(
          `run${i}`,
          'ds',
          {
            name: m.name,
            createdAt: m.createdAt,
            ...(m.imported
              ? { metrics: { imported: true as const, heldOut: { n: 2, accuracy: null } } }
              : {}),
          },
          m.w0,
        ),
      ),
      settings,
    } satisfies SessionBundle;
  });

describe('JSON line finding', () => {
  it('finds the line of a value by its dotted path', () => {
    const text = '{\n "a": [\n  1,\n  {"b": "x,]}", "c": {\n   "d": null}}\n ],\n "e\\"q": true\n}';
    const lines = jsonPathLines(
      text,
      new Set(['', 'a', 'a.0', 'a.1', 'a.1.b', 'a.1.c', 'a.1.c.d', 'e"q', 'zz']),
    );
    expect(Object.fromEntries(lines)).toEqual({
      '': 1,
      a: 2,
      'a.0': 3,
      'a.1': 4,
      'a.1.b': 4,
      'a.1.c': 4,
      'a.1.c.d': 5,
      'e"q': 7,
    });
  });
});

describe('session bundle', () => {
  it('drops a __proto__ key in settings instead of letting an imported file touch prototypes', () => {
    const text =
      '{"format":"goodhart-session","version":1,"exportedAt":0,"datasets":[],"comparisons":[],"skips":[],"annotators":[],"models":[],"settings":{"__proto__":{"polluted":true},"ok":1}}';
    const r = parseFile('evil.json', text);
    expect(r.session?.settings).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parseFile(exportSession(bundle)) gives the identical bundle', () => {
    fc.assert(
      fc.property(bundleArb, (bundle) => {
        const r = parseFile('session.json', exportSession(bundle));
        expect(r.issues).toEqual([]);
        expect(r.format).toBe('goodhart-session');
        expect(r.session).toEqual(bundle);
      }),
      { numRuns: 200 },
    );
  });

  it('reports a comparison that points at a missing response, by its path', () => {
    const bundle = fc.sample(
      bundleArb.filter((b) => b.comparisons.length > 0),
      { numRuns: 1, seed: 7 },
    )[0];
    const broken = {
      ...bundle,
      comparisons: bundle.comparisons.map((c, i) => (i === 0 ? { ...c, bId: 'nope' } : c)),
    };
    const text = exportSession(broken);
    const r = parseFile('session.json', text);
    // Pretty-printed: the first comparison's "{" is on the line after ` "comparisons": [`.
    const line = text.split('\n').findIndex((l) => l.startsWith(' "comparisons": [')) + 2;
    expect(r.issues).toEqual([
      {
        line,
        field: 'comparisons.0',
        message: 'refers to a prompt, response or annotator not in this file',
        severity: 'error',
      },
    ]);
    expect(r.session?.comparisons).toHaveLength(bundle.comparisons.length - 1);
  });
});
