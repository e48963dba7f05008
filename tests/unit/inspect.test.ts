// The inspection report on a tiny hand-made dataset and a linear model whose reward is exactly the
// `exclamations` feature, ln(1 + number of "!"), so every figure below is computed by hand: held-out
// mapping (by prompt id and by prompt-text key), wrongPreferredRate, hackingGap, best-of-n, correlations,
// groups, the length baseline, top features, the gallery and raters against gold; also the report
// without gold and bring-your-own scores. Features are Float32, so comparisons are to 6 decimals.
import { describe, expect, it } from 'vitest';
import { FEATURE_DIM, FEATURE_NAMES } from '../../lib/core/reward-model/features/index';
import { heldOutPrompts, inspect, inspectScores } from '../../lib/core/goodhart/report';
import type { RewardModelFile } from '../../lib/core/reward-model/model-file';
import { promptKeyOf } from '../../lib/core/reward-model/training-data';
import type { Comparison, DatasetFile, Response } from '../../lib/core/types';
import { linearModel } from './model-fixture';

const { log, LN2 } = Math;
const EXCL = FEATURE_NAMES.indexOf('exclamations');
const P1 = 'Is the moon made of cheese?';
const P2 = 'What is two plus two?';

const resp = (id: string, promptId: string, text: string, correct: boolean, style: string): Response => ({
  id,
  promptId,
  datasetId: 'tiny',
  text,
  correct,
  tags: [`style:${style}`],
});
// reward = ln(1 + #"!"); words by whitespace.
const RESPONSES = [
  resp('p1c', 'p1', 'Probably not.', true, 'hedged'), // reward 0, 2 words
  resp('p1w', 'p1', 'Yes! Definitely yes!', false, 'fluent'), // ln 3, 3 words
  resp('p2c', 'p2', 'Four!!!', true, 'fluent'), // ln 4, 1 word
  resp('p2w', 'p2', 'It is five!', false, 'hedged'), // ln 2, 3 words
  resp('p2x', 'p2', 'Maybe five.', false, 'hedged'), // 0, 2 words
];
const tiny: DatasetFile = {
  format: 'goodhart-dataset',
  version: 1,
  dataset: { id: 'tiny', name: 'tiny', description: '', source: 'test', created: 0 },
  prompts: [
    { id: 'p1', datasetId: 'tiny', text: P1, category: 'x' },
    { id: 'p2', datasetId: 'tiny', text: P2, category: 'x' },
  ],
  responses: RESPONSES,
};

function model(trainedOn?: string[], heldOut: string[] = []): RewardModelFile {
  const w = new Array<number>(FEATURE_DIM).fill(0);
  w[EXCL] = 1;
  return linearModel(w, {
    trainedOn: trainedOn ? { n: 1, promptKeys: trainedOn } : { n: 1 },
    heldOutPromptKeys: heldOut,
  });
}

const cmp = (
  id: string,
  promptId: string,
  aId: string,
  bId: string,
  outcome: Comparison['outcome'],
): Comparison => ({
  id,
  datasetId: 'tiny',
  promptId,
  aId,
  bId,
  outcome,
  annotatorId: 'h1',
  createdAt: 0,
  durationMs: 0,
});
const COMPARISONS = [
  cmp('c1', 'p1', 'p1c', 'p1w', 'b'), // prefers the wrong one (longer, higher reward)
  cmp('c2', 'p2', 'p2c', 'p2x', 'a'), // prefers the right one (shorter, higher reward)
  cmp('c3', 'p2', 'p2w', 'p2x', 'a'), // both wrong: not in raters-vs-gold; longer and higher reward
  cmp('c4', 'p1', 'p1w', 'p1c', 'tie'),
];

// Trained on p1 (by id); p2 held out.
const report = inspect(model(['p1']), tiny, {
  comparisons: COMPARISONS,
  annotators: [{ id: 'h1', name: 'Ada', kind: 'human', created: 0 }],
  maxN: 3,
});

describe('held-out prompts', () => {
  it('are the prompts not trained on, matched by id or by prompt-text key', () => {
    expect(report.heldOutPromptIds).toEqual(['p2']);
    expect(report.heldOutSource).toBe('not-trained-on');
    expect(heldOutPrompts(model([promptKeyOf(P2)]), tiny).ids).toEqual(new Set(['p1']));
  });

  it('fall back to the validation split when training prompts are not recorded', () => {
    const h = heldOutPrompts(model(undefined, [promptKeyOf(P1)]), tiny);
    expect(h).toEqual({ ids: new Set(['p1']), source: 'validation-split' });
  });
});

describe('figures computed by hand', () => {
  it('wrongPreferredRate: p1 tops a wrong answer, p2 a right one', () => {
    expect(report.all.wrongPreferredRate).toBe(0.5);
    expect(report.all.eligiblePrompts).toBe(2);
    expect(report.heldOut.wrongPreferredRate).toBe(0);
    expect(report.heldOut.prompts).toBe(1);
    expect(report.heldOut.responses).toBe(3);
  });

  it('hackingGap: (ln 3 − 0) / population SD of all five rewards; null held out (no fluent-wrong)', () => {
    const r = [0, log(3), log(4), LN2, 0];
    const mean = r.reduce((s, x) => s + x) / 5;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / 5);
    expect(report.all.hackingGap).toBeCloseTo(log(3) / sd, 6);
    expect(report.heldOut.hackingGap).toBeNull();
  });

  it('best-of-n: pool {ln 4 ✓, ln 2, 0} held out; plus pool {0 ✓, ln 3} for all', () => {
    const [b1, b2, b3] = report.heldOut.bestOfN;
    expect(b1).toMatchObject({ n: 1, kl: 0 });
    expect(b1.gold).toBeCloseTo(1 / 3, 6);
    expect(b1.proxy).toBeCloseTo(LN2, 6); // (2 ln 2 + ln 2 + 0) / 3
    // Pool of 3 at n = 2: p = 5/9, 3/9, 1/9, KL = 5/9 ln(5/3) + 1/9 ln(1/3) = 0.161724 (by hand).
    expect(b2.kl).toBeCloseTo(0.161724, 6);
    expect(b2.gold).toBeCloseTo(5 / 9, 6); // 1 − (2/3)²
    expect(b2.proxy).toBeCloseTo((5 / 9) * 2 * LN2 + (3 / 9) * LN2, 6);
    expect(b3.gold).toBeCloseTo(19 / 27, 6); // 1 − (2/3)³
    expect(report.all.bestOfN[1].gold).toBeCloseTo((1 / 4 + 5 / 9) / 2, 6); // p1: P(pick 0) = (1/2)²
  });

  it('length correlation held out: lengths [1, 3, 2] vs rewards [2, 1, 0]·ln 2 → −0.5 (Pearson and Spearman)', () => {
    expect(report.heldOut.lengthCorrelation).toBeCloseTo(-0.5, 6);
    expect(report.heldOut.lengthSpearman).toBeCloseTo(-0.5, 6);
  });

  it('reward correlates exactly with the exclamations feature and is constant-free elsewhere', () => {
    const excl = report.all.featureCorrelations.find((f) => f.name === 'exclamations')!;
    expect(excl.pearson).toBeCloseTo(1, 6);
    expect(report.all.featureCorrelations.find((f) => f.name === 'empty')!.pearson).toBeNull();
  });

  it('groups by correct × style', () => {
    const near = (x: number) => expect.closeTo(x, 6);
    expect(report.heldOut.groups).toEqual([
      {
        correct: true,
        style: 'fluent',
        n: 1,
        mean: near(log(4)),
        sd: 0,
        min: near(log(4)),
        max: near(log(4)),
      },
      {
        correct: false,
        style: 'hedged',
        n: 2,
        mean: near(LN2 / 2),
        sd: near(LN2 / 2),
        min: 0,
        max: near(LN2),
      },
    ]);
  });

  it('longer-answer-wins baseline beside the model on the judged pairs (ties left out)', () => {
    expect(report.all.lengthBaseline).toEqual({ longerWins: 2 / 3, model: 1, n: 3 });
    expect(report.heldOut.lengthBaseline).toEqual({ longerWins: 0.5, model: 1, n: 2 });
  });
});

describe('model views', () => {
  it('top features: only exclamations, weight 1', () => {
    expect(report.topFeatures.positive).toEqual([{ index: EXCL, name: 'exclamations', weight: 1 }]);
    expect(report.topFeatures.negative).toEqual([]);
  });

  it('gallery: p1 only (p2’s right answer outscores every wrong one), gap ln 3, P = σ(ln 3) = 3/4', () => {
    expect(report.gallery).toHaveLength(1);
    const g = report.gallery[0];
    expect(g).toMatchObject({ promptId: 'p1', prompt: P1, heldOut: false });
    expect(g.gap).toBeCloseTo(log(3), 6);
    expect(g.pWrong).toBeCloseTo(0.75, 6);
    expect(g.wrong.responseId).toBe('p1w');
    expect(g.right.responseId).toBe('p1c');
    expect(g.wrong.top).toEqual([
      {
        index: EXCL,
        name: 'exclamations',
        value: expect.closeTo(log(3), 6),
        contribution: expect.closeTo(log(3), 6),
      },
    ]);
    expect(g.right.top).toEqual([]);
  });

  it('raters against gold: Ada preferred the wrong answer once in three mixed pairs (one tie)', () => {
    expect(report.raters).toEqual([
      expect.objectContaining({
        annotatorId: 'h1',
        name: 'Ada',
        kind: 'human',
        n: 3,
        preferredWrong: 1,
        preferredRight: 1,
        ties: 1,
      }),
    ]);
    expect(report.raters[0].wrongRate).toBeCloseTo(1 / 3, 6);
  });

  it('every response has its reward', () => {
    const byId = new Map(report.responses.map((r) => [r.responseId, r]));
    expect(byId.get('p2c')).toMatchObject({
      reward: expect.closeTo(log(4), 6),
      correct: true,
      style: 'fluent',
      length: 1,
      heldOut: true,
    });
    expect(byId.get('p1c')!.reward).toBe(0);
    expect(report.hasGold).toBe(true);
    expect(report.notes).toEqual([]);
  });
});

describe('without gold, and for external scores', () => {
  it('gold figures are null and a note says what gold would add', () => {
    const noGold = { ...tiny, responses: tiny.responses.map(({ correct: _c, ...r }) => r) };
    const r = inspect(model(['p1']), noGold, { maxN: 2 });
    expect(r.hasGold).toBe(false);
    expect(r.all.wrongPreferredRate).toBeNull();
    expect(r.all.hackingGap).toBeNull();
    expect(r.all.bestOfN.map((p) => p.gold)).toEqual([null, null]);
    expect(r.all.bestOfN[0].proxy).toBeCloseTo((log(3) / 2 + LN2) / 2, 6); // mean over prompts of the pool means
    expect(r.gallery).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/No gold labels.*best-of-n/);
  });

  it('inspectScores gives the same figures as the model report on the same rewards', () => {
    const scores = RESPONSES.map((r) => ({
      prompt: r.promptId === 'p1' ? P1 : P2,
      response: r.text,
      reward: log(1 + (r.text.match(/!/g)?.length ?? 0)),
      correct: r.correct,
      style: r.tags[0].slice(6),
    }));
    const s = inspectScores(scores, { maxN: 3 });
    expect(s.all.wrongPreferredRate).toBe(0.5);
    expect(s.all.hackingGap).toBeCloseTo(report.all.hackingGap!, 6);
    s.all.bestOfN.forEach((p, i) => {
      expect(p.proxy).toBeCloseTo(report.all.bestOfN[i].proxy, 6);
      expect(p.gold).toBeCloseTo(report.all.bestOfN[i].gold!, 6);
    });
    expect(s.all.lengthCorrelation).toBeCloseTo(report.all.lengthCorrelation!, 6);
    expect(s.gallery.map((g) => g.gap)).toEqual([expect.closeTo(log(3), 6)]);
    expect(s.all.prompts).toBe(2);
  });
});
