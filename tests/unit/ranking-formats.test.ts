// Rankings in the exports: the labels JSONL carries ranking_id and restores it, the rankings JSONL is the
// ranked-candidates format plus ties (re-imports as ranked JSONL), and session bundles carry rankings
// (validated on import, older bundles without them stay valid).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Annotator, DatasetFile, Ranking } from '../../lib/core/types';
import { expandRanking } from '../../lib/core/labeling/ranking';
import { exportLabelsJsonl, exportRankingsJsonl, rankingLines } from '../../lib/core/formats/export';
import { parseFile } from '../../lib/core/formats/parse';
import { hasErrors } from '../../lib/core/formats/result';
import { exportSession, type SessionBundle } from '../../lib/core/formats/session';
import { createGoodhartDb } from '../../lib/db/db';
import { buildSessionBundle } from '../../lib/db/export';
import { addRanking } from '../../lib/db/rankings';
import { putDatasetFile } from '../../lib/db/repo';

const dataset: DatasetFile = {
  format: 'goodhart-dataset',
  version: 1,
  dataset: { id: 'ds', name: 'Rank demo', description: '', source: 'test', created: 1 },
  prompts: [{ id: 'p1', datasetId: 'ds', text: 'Capital of Australia?', category: 'geo' }],
  responses: [
    { id: 'r-a', promptId: 'p1', datasetId: 'ds', text: 'Canberra.', correct: true, tags: [] },
    { id: 'r-b', promptId: 'p1', datasetId: 'ds', text: 'Sydney, of course!', correct: false, tags: [] },
    { id: 'r-c', promptId: 'p1', datasetId: 'ds', text: 'Melbourne.', correct: false, tags: [] },
    { id: 'r-d', promptId: 'p1', datasetId: 'ds', text: 'I think Canberra.', correct: true, tags: [] },
  ],
};
const annotators: Annotator[] = [{ id: 'ann', name: 'Ann', kind: 'human', created: 1 }];
// Best r-d, then r-a; r-c and r-b tied last.
const ranking: Ranking = {
  id: 'rk1',
  datasetId: 'ds',
  promptId: 'p1',
  annotatorId: 'ann',
  tiers: [['r-d'], ['r-a'], ['r-c', 'r-b']],
  createdAt: 50,
  durationMs: 7000,
};

describe('labels JSONL', () => {
  it('writes ranking_id on expanded pairs and restores it on import', () => {
    const comparisons = expandRanking(ranking);
    const text = exportLabelsJsonl({ dataset, comparisons, annotators });
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(6);
    expect(lines.every((l) => l.ranking_id === 'rk1')).toBe(true);
    const back = parseFile('labels.jsonl', text);
    expect(hasErrors(back)).toBe(false);
    expect(back.comparisons.map((c) => c.rankingId)).toEqual(Array(6).fill('rk1'));
    expect(back.comparisons.map((c) => c.id).sort()).toEqual(comparisons.map((c) => c.id).sort());
  });
});

describe('rankings JSONL', () => {
  it('lists responses by id, the ranking as indices best first and the tied groups (worked by hand)', () => {
    // Listed by id: r-a(0) r-b(1) r-c(2) r-d(3). Ranking r-d, r-a, r-c, r-b → 3, 0, 2, 1; tie {r-c, r-b} → [2, 1].
    expect(rankingLines(dataset, [ranking], annotators)).toEqual([
      {
        format: 'goodhart-ranking',
        version: 1,
        id: 'rk1',
        dataset_id: 'ds',
        dataset: 'Rank demo',
        prompt_id: 'p1',
        prompt: 'Capital of Australia?',
        category: 'geo',
        response_ids: ['r-a', 'r-b', 'r-c', 'r-d'],
        responses: ['Canberra.', 'Sydney, of course!', 'Melbourne.', 'I think Canberra.'],
        ranking: [3, 0, 2, 1],
        ties: [[2, 1]],
        annotator_id: 'ann',
        annotator: 'Ann',
        created_at: 50,
        duration_ms: 7000,
      },
    ]);
  });

  it('skips rankings of another dataset or naming a response of another prompt', () => {
    const other = { ...ranking, id: 'rk2', datasetId: 'elsewhere' };
    const wrong = { ...ranking, id: 'rk3', tiers: [['r-a'], ['nope'], ['r-b']] };
    expect(rankingLines(dataset, [other, wrong], annotators)).toEqual([]);
  });

  it('re-imports as ranked-candidates JSONL: the same prompt, texts and the strict pairs in order', () => {
    const text = exportRankingsJsonl(dataset, [ranking], annotators);
    const back = parseFile('rankings.jsonl', text);
    expect(back.format).toBe('ranked-jsonl');
    expect(hasErrors(back)).toBe(false);
    expect(back.dataset.prompts.map((p) => [p.text, p.category])).toEqual([['Capital of Australia?', 'geo']]);
    const textOf = new Map(back.dataset.responses.map((r) => [r.id, r.text]));
    const pairs = back.comparisons.map((c) => `${textOf.get(c.aId)} > ${textOf.get(c.bId)}`).sort();
    // The ranked format has no ties, so the tied pair comes back in listed order (Melbourne before Sydney).
    expect(pairs).toEqual(
      [
        'I think Canberra. > Canberra.',
        'I think Canberra. > Melbourne.',
        'I think Canberra. > Sydney, of course!',
        'Canberra. > Melbourne.',
        'Canberra. > Sydney, of course!',
        'Melbourne. > Sydney, of course!',
      ].sort(),
    );
  });
});

function bundle(extra: Partial<SessionBundle> = {}): SessionBundle {
  return {
    format: 'goodhart-session',
    version: 1,
    exportedAt: 99,
    datasets: [dataset],
    comparisons: expandRanking(ranking),
    skips: [],
    annotators,
    models: [],
    settings: {},
    rankings: [ranking],
    ...extra,
  };
}

describe('session bundle', () => {
  it('round-trips rankings and the rankingId of their pairs', () => {
    const back = parseFile('session.json', exportSession(bundle()));
    expect(hasErrors(back)).toBe(false);
    expect(back.session?.rankings).toEqual([ranking]);
    expect(back.session?.comparisons).toEqual(expandRanking(ranking));
  });

  it('keeps an older bundle without rankings valid (and without a rankings field)', () => {
    const old = bundle({ comparisons: [] });
    delete old.rankings;
    const back = parseFile('old.json', exportSession(old));
    expect(hasErrors(back)).toBe(false);
    expect(back.session && 'rankings' in back.session).toBe(false);
  });

  it('rejects a ranking naming a response of no such prompt or an unknown annotator, on its line', () => {
    const bad = bundle({
      comparisons: [],
      rankings: [
        ranking,
        { ...ranking, id: 'rk2', tiers: [['r-a'], ['zzz'], ['r-b']] },
        { ...ranking, id: 'rk3', annotatorId: 'ghost' },
      ],
    });
    const text = exportSession(bad);
    const back = parseFile('bad.json', text);
    expect(back.session?.rankings?.map((r) => r.id)).toEqual(['rk1']);
    const msgs = back.issues.map((i) => i.message);
    expect(msgs).toContain('response zzz is not a candidate of this prompt');
    expect(msgs).toContain('refers to an annotator not in this file');
    const lines = text.split('\n');
    const rk2Line = lines.findIndex((l) => l.includes('"id": "rk2"')) + 1;
    const issue = back.issues.find((i) => i.message.startsWith('response zzz'))!;
    // The issue points at the ranking record (its opening brace), a line or so above its id.
    expect(issue.line).toBeGreaterThan(0);
    expect(rk2Line - issue.line!).toBeGreaterThanOrEqual(0);
    expect(rk2Line - issue.line!).toBeLessThanOrEqual(1);
  });

  it('buildSessionBundle includes the stored rankings', async () => {
    const db = createGoodhartDb(`rank-session-${Date.now()}`);
    await db.open();
    await putDatasetFile(db, dataset);
    await db.annotators.put(annotators[0]);
    await addRanking(db, ranking);
    const b = await buildSessionBundle(db);
    expect(b.rankings).toEqual([ranking]);
    expect(b.comparisons.filter((c) => c.rankingId === 'rk1')).toHaveLength(6);
    const participant = await buildSessionBundle(db, { annotatorIds: ['ann'] });
    expect(participant.datasets.map((d) => d.dataset.id)).toEqual(['ds']);
    db.close();
  });
});
