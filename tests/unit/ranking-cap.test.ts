// The cap on what one ranking expands into (lib/core/labeling/ranking.ts MAX_RANKING_PAIRS, MAX_FILE_RANKING_PAIRS):
// a ranked-candidates line with 10,000 responses used to become 49,995,000 comparisons (a crashed tab, a V8
// fatal error in `goodhart import`). Now it is an error on its line that adds nothing, and
// `rankingPairs: 'adjacent'` / `--ranking-pairs adjacent` keeps only the K − 1 neighbouring pairs.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  MAX_ALL_PAIRS_K,
  MAX_FILE_RANKING_PAIRS,
  MAX_RANKING_PAIRS,
  RankingPairBudget,
  expandRanking,
  rankingPairCount,
  rankingProblems,
} from '../../lib/core/labeling/ranking';
import { parseFile } from '../../lib/core/formats/parse';
import { parsePairsText } from '../../lib/core/formats/pairs';
import type { Ranking } from '../../lib/core/types';
import { cli } from './cli-harness';

const dir = mkdtempSync(path.join(tmpdir(), 'goodhart-rank-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One ranked-candidates line with `k` distinct responses ranked in order. */
function rankedLine(k: number, prompt = `rank ${k}`): string {
  return JSON.stringify({
    prompt,
    responses: Array.from({ length: k }, (_, i) => `answer number ${i}`),
    ranking: Array.from({ length: k }, (_, i) => i),
  });
}

const small = JSON.stringify({ prompt: 'small', responses: ['x', 'y', 'z'], ranking: [2, 0, 1] });

describe('the cap', () => {
  it('is 10,000 comparisons per ranking: all pairs up to K = 141, adjacent pairs up to K = 10,001', () => {
    expect(MAX_RANKING_PAIRS).toBe(10_000);
    expect(MAX_ALL_PAIRS_K).toBe(141);
    expect(rankingPairCount(141)).toBe(9_870);
    expect(rankingPairCount(142)).toBe(10_011);
    expect(rankingPairCount(10_000, 'adjacent')).toBe(9_999);
    const budget = new RankingPairBudget('all');
    expect(budget.take(141)).toBeNull();
    expect(budget.take(142)).toMatch(/ranks 142 responses: all pairs would be 10,011 comparisons/);
    expect(budget.used).toBe(9_870);
  });

  it('the file budget refuses the ranking that would pass 1,000,000 comparisons, and books nothing for it', () => {
    const budget = new RankingPairBudget('all');
    const rows = Math.floor(MAX_FILE_RANKING_PAIRS / 9_870);
    for (let i = 0; i < rows; i++) expect(budget.take(141)).toBeNull();
    expect(budget.take(141)).toMatch(
      /already expand into 996,870 comparisons; this one's 9,870 would pass the 1,000,000 one file may hold/,
    );
    expect(budget.used).toBe(rows * 9_870);
    expect(budget.take(31)).toBeNull(); // 465 of the 3,130 left still fit
  });

  it('a K-way ranking of more than 141 responses is invalid (app rankings, session bundles)', () => {
    const r: Ranking = {
      id: 'big',
      datasetId: 'ds',
      promptId: 'p',
      annotatorId: 'a',
      tiers: Array.from({ length: 142 }, (_, i) => [`r${i}`]),
      createdAt: 1,
      durationMs: 1,
    };
    expect(rankingProblems(r)).toEqual([expect.stringContaining('ranks 142 responses')]);
    expect(() => expandRanking(r)).toThrow(/more than the 10,000 one ranking may expand into/);
    expect(rankingProblems({ tiers: r.tiers.slice(0, 141) })).toEqual([]);
  });
});

describe('ranked-candidates import', () => {
  const big = rankedLine(10_000);

  it('refuses a 10,000-response line on its line, adding nothing from it, and keeps the valid lines', () => {
    expect(big.length).toBeGreaterThan(180_000);
    const t0 = performance.now();
    const r = parseFile('big.jsonl', [small, big].join('\n'), { format: 'ranked-jsonl' });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(r.issues).toEqual([
      {
        line: 2,
        field: 'ranking',
        severity: 'error',
        message:
          'ranks 10,000 responses: all pairs would be 49,995,000 comparisons, more than the 10,000 one ranking ' +
          'may expand into (at most 141 responses); rank fewer, or keep only adjacent pairs (9,999 comparisons)',
      },
    ]);
    expect(r.validRows).toBe(1);
    expect(r.dataset.prompts.map((p) => p.text)).toEqual(['small']);
    expect(r.dataset.responses).toHaveLength(3);
    expect(r.comparisons).toHaveLength(3);
  });

  it("with rankingPairs: 'adjacent' imports the line as its 9,999 neighbouring comparisons", () => {
    const r = parseFile('big.jsonl', [small, big].join('\n'), {
      format: 'ranked-jsonl',
      rankingPairs: 'adjacent',
    });
    expect(r.issues).toEqual([]);
    expect(r.dataset.responses).toHaveLength(10_003);
    expect(r.comparisons).toHaveLength(2 + 9_999);
    const text = new Map(r.dataset.responses.map((x) => [x.id, x.text]));
    // small's ranking [2, 0, 1]: z > x, x > y.
    expect(r.comparisons.slice(0, 2).map((c) => [text.get(c.aId), text.get(c.bId)])).toEqual([
      ['z', 'x'],
      ['x', 'y'],
    ]);
    const c = r.comparisons[2 + 4_321];
    expect([text.get(c.aId), text.get(c.bId), c.outcome]).toEqual([
      'answer number 4321',
      'answer number 4322',
      'a',
    ]);
  });

  it('parsePairsText (goodhart train/eval) refuses it too, and keeps adjacent pairs when asked', () => {
    const refused = parsePairsText([small, big].join('\n'));
    expect(refused.pairs).toHaveLength(3);
    expect(refused.errors).toEqual([
      { line: 2, field: 'ranking', message: expect.stringMatching(/^"ranking": ranks 10,000 responses/) },
    ]);
    const adjacent = parsePairsText(big, { rankingPairs: 'adjacent' });
    expect(adjacent.errors).toEqual([]);
    expect(adjacent.pairs).toHaveLength(9_999);
    expect(adjacent.pairs[0]).toEqual({
      prompt: 'rank 10000',
      chosen: 'answer number 0',
      rejected: 'answer number 1',
    });
  });

  it('parsePairsText stops at the file budget: 102 rankings of 141 give 1,006,740 > 1,000,000', () => {
    const lines = Array.from({ length: 102 }, (_, i) => rankedLine(141, `p${i}`));
    const parsed = parsePairsText(lines.join('\n'));
    expect(parsed.pairs).toHaveLength(101 * 9_870);
    expect(parsed.errors).toEqual([
      { line: 102, field: 'ranking', message: expect.stringContaining('one file may hold: split the file') },
    ]);
  });
});

describe('goodhart import / train / eval --ranking-pairs', () => {
  const bigFile = path.join(dir, 'big.jsonl');
  writeFileSync(bigFile, rankedLine(10_000) + '\n');
  const k500 = path.join(dir, 'k500.jsonl');
  writeFileSync(k500, rankedLine(500) + '\n' + rankedLine(4, 'another prompt') + '\n');

  it('goodhart import: one line naming file and line, exit 1; adjacent imports 9,999 comparisons', async () => {
    const refused = await cli('import', bigFile);
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([expect.stringMatching(/big\.jsonl:1: \[ranking\] ranks 10,000 responses/)]);
    const adjacent = await cli('import', bigFile, '--ranking-pairs', 'adjacent');
    expect(adjacent.code).toBe(0);
    expect(adjacent.out[1]).toBe('  1 prompts, 10000 responses, 9999 comparisons, 1 annotators');
    const bad = await cli('import', bigFile, '--ranking-pairs', 'some');
    expect(bad).toMatchObject({ code: 1, err: ['--ranking-pairs: expected all or adjacent, got "some"'] });
  });

  it('goodhart train on a 500-candidate row: a line error, no stack trace; adjacent trains', async () => {
    const out = path.join(dir, 'm.json');
    const refused = await cli('train', k500, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([
      expect.stringMatching(/k500\.jsonl:1: "ranking": ranks 500 responses: all pairs would be 124,750/),
    ]);
    const ok = await cli('train', k500, '--out', out, '--epochs', '1', '--ranking-pairs', 'adjacent');
    expect(ok.code).toBe(0);
    expect(ok.err[0]).toMatch(/from 502 pairs/);
    const evalRefused = await cli('eval', out, k500);
    expect(evalRefused.code).toBe(1);
    expect(evalRefused.err).toEqual([expect.stringMatching(/k500\.jsonl:1: "ranking": ranks 500 responses/)]);
    const evalOk = await cli('eval', out, k500, '--ranking-pairs', 'adjacent', '--json');
    expect(evalOk.code).toBe(0);
    expect(JSON.parse(evalOk.out[0]).n).toBe(502);
  }, 60_000);
});
