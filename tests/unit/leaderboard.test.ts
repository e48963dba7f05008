// Tests of the item leaderboard (lib/core/leaderboard/: the fit, its graph and the bootstrap) and the Arena battles parser against published
// Bradley–Terry estimates, the likelihood's score equations, and hand-solvable cases.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitBradleyTerry, type Battle } from '../../lib/core/leaderboard/bradley-terry';
import { isStronglyConnected } from '../../lib/core/leaderboard/comparison-graph';
import { eloFromScore, leaderboard, quantileSorted } from '../../lib/core/leaderboard/leaderboard';
import { parseBattlesJsonl } from '../../lib/core/formats/battles';
import { mulberry32 } from '../../lib/core/stats/random';

/** Expands a win matrix (rows = winner, columns = loser) into battles. */
function battlesFromWins(ids: string[], wins: number[][]): Battle[] {
  const out: Battle[] = [];
  wins.forEach((row, i) =>
    row.forEach((w, j) => {
      for (let t = 0; t < w; t++) out.push({ a: ids[i], b: ids[j], winner: 'a' });
    }),
  );
  return out;
}

// Agresti, A. (2002). Categorical Data Analysis, 2nd ed., Wiley. Section 10.6, Table 10.10: results of
// the 1987 season for the seven American League East baseball teams (row team beat column team; each
// pair played 13 games). The fitted Bradley–Terry log-strengths relative to Baltimore are those printed
// by Turner & Firth's BradleyTerry2 R package for its `baseball` data set (taken from this table) and,
// to two decimals, by Agresti: Milwaukee 1.58, Detroit 1.44, Toronto 1.29, New York 1.25, Boston 1.11,
// Cleveland 0.68.
const TEAMS = ['Milwaukee', 'Detroit', 'Toronto', 'New York', 'Boston', 'Cleveland', 'Baltimore'];
const WINS = [
  [0, 7, 9, 7, 7, 9, 11],
  [6, 0, 7, 5, 11, 9, 9],
  [4, 6, 0, 7, 7, 8, 12],
  [6, 8, 6, 0, 6, 7, 10],
  [6, 2, 6, 7, 0, 7, 12],
  [4, 4, 5, 6, 6, 0, 6],
  [2, 4, 1, 3, 1, 7, 0],
];
const PUBLISHED: Record<string, number> = {
  Milwaukee: 1.5814,
  Detroit: 1.4364,
  Toronto: 1.2945,
  'New York': 1.2476,
  Boston: 1.1077,
  Cleveland: 0.6839,
  Baltimore: 0,
};

function scoreOf(fit: { ids: string[]; scores: number[] }, id: string): number {
  return fit.scores[fit.ids.indexOf(id)];
}

/** Σ_j n_ij · p_ij for each item, with ties as half a win: what the score equations equate to wins. */
function expectedWins(battles: Battle[], fit: { ids: string[]; scores: number[] }) {
  const expected = new Map<string, number>();
  const observed = new Map<string, number>();
  for (const b of battles) {
    const pA = 1 / (1 + Math.exp(scoreOf(fit, b.b) - scoreOf(fit, b.a)));
    expected.set(b.a, (expected.get(b.a) ?? 0) + pA);
    expected.set(b.b, (expected.get(b.b) ?? 0) + 1 - pA);
    const wA = b.winner === 'a' ? 1 : b.winner === 'tie' ? 0.5 : 0;
    observed.set(b.a, (observed.get(b.a) ?? 0) + wA);
    observed.set(b.b, (observed.get(b.b) ?? 0) + 1 - wA);
  }
  return { expected, observed };
}

describe('fitBradleyTerry', () => {
  it('reproduces the published 1987 AL East Bradley–Terry fit (Agresti 2002, Table 10.10) to 1e-3', () => {
    const fit = fitBradleyTerry(battlesFromWins(TEAMS, WINS));
    expect(fit.priorUsed).toBe(0);
    const base = scoreOf(fit, 'Baltimore');
    for (const team of TEAMS) expect(scoreOf(fit, team) - base).toBeCloseTo(PUBLISHED[team], 3);
    expect(Math.abs(fit.scores.reduce((s, x) => s + x, 0))).toBeLessThan(1e-9);
    expect(fit.n).toEqual(TEAMS.map(() => 78));
  });

  it('reproduces the published Table 10.10 log-strengths to 4 decimals', () => {
    const fit = fitBradleyTerry(battlesFromWins(TEAMS, WINS));
    const base = scoreOf(fit, 'Baltimore');
    for (const team of TEAMS) expect(scoreOf(fit, team) - base).toBeCloseTo(PUBLISHED[team], 4);
  });

  it('fits 1,500 items on the sparse list of pairs that met, fast, to the score equations', () => {
    // Dense k×k Newton took ~12 s per fit at this size; the sparse fit takes a fraction of a second.
    const rng = mulberry32(5);
    const k = 1_500;
    const strength = Array.from({ length: k }, () => 2 * rng() - 1);
    const battles: Battle[] = [];
    for (let t = 0; t < 30_000; t++) {
      const i = Math.floor(rng() * k);
      const j = (i + 1 + Math.floor(rng() * (k - 1))) % k;
      const p = 1 / (1 + Math.exp(strength[j] - strength[i]));
      battles.push({ a: `m${i}`, b: `m${j}`, winner: rng() < 0.1 ? 'tie' : rng() < p ? 'a' : 'b' });
    }
    const t0 = performance.now();
    const fit = fitBradleyTerry(battles);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(fit.ids).toHaveLength(k);
    expect(fit.priorUsed).toBe(0); // 40 battles per item: strongly connected
    const { expected, observed } = expectedWins(battles, fit);
    for (const id of fit.ids) expect(Math.abs(expected.get(id)! - observed.get(id)!)).toBeLessThan(1e-8);
    const t1 = performance.now();
    const rows = leaderboard(battles, { bootstrap: 5, seed: 1 });
    expect(performance.now() - t1).toBeLessThan(5_000);
    expect(rows).toHaveLength(k);
    expect(rows.every((r) => Number.isFinite(r.ci_low!) && r.ci_low! < r.ci_high!)).toBe(true);
  });

  it('refuses a battle of an item with itself, naming it', () => {
    expect(() =>
      fitBradleyTerry([
        { a: 'x', b: 'y', winner: 'a' },
        { a: 'gpt', b: 'gpt', winner: 'tie' },
      ]),
    ).toThrow('battle 2: "gpt" cannot battle itself');
  });

  it('satisfies the score equations (wins = Σ n_ij p_ij) to 1e-9 on an unbalanced design with ties', () => {
    const battles: Battle[] = [
      ...battlesFromWins(
        ['p', 'q', 'r', 's'],
        [
          [0, 3, 1, 0],
          [2, 0, 4, 1],
          [2, 1, 0, 5],
          [1, 0, 2, 0],
        ],
      ),
      { a: 'p', b: 's', winner: 'tie' },
      { a: 'q', b: 'r', winner: 'tie' },
      { a: 's', b: 'q', winner: 'tie' },
    ];
    const fit = fitBradleyTerry(battles);
    expect(fit.priorUsed).toBe(0);
    const { expected, observed } = expectedWins(battles, fit);
    for (const id of fit.ids) expect(Math.abs(expected.get(id)! - observed.get(id)!)).toBeLessThan(1e-9);
  });

  it('property: the score equations hold on random strongly connected tournaments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 5, maxLength: 5 }), {
          minLength: 5,
          maxLength: 5,
        }),
        (raw) => {
          const ids = ['a', 'b', 'c', 'd', 'e'];
          const wins = raw.map((row, i) => row.map((w, j) => (i === j ? 0 : w)));
          const battles = battlesFromWins(ids, wins);
          const fit = fitBradleyTerry(battles);
          const { expected, observed } = expectedWins(battles, fit);
          return ids.every((id) => Math.abs(expected.get(id)! - observed.get(id)!) < 1e-8);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('two items: the strength ratio is exactly wins / losses', () => {
    // x beat y 3 times, y beat x twice: the MLE has π_x / π_y = 3 / 2.
    const fit = fitBradleyTerry(
      battlesFromWins(
        ['x', 'y'],
        [
          [0, 3],
          [2, 0],
        ],
      ),
    );
    expect(scoreOf(fit, 'x') - scoreOf(fit, 'y')).toBeCloseTo(Math.log(3 / 2), 10);
    expect(scoreOf(fit, 'x')).toBeCloseTo(Math.log(3 / 2) / 2, 10);
  });

  it('two items with a tie: the tie is half a win each way (ratio 2.5 / 1.5)', () => {
    const battles: Battle[] = [
      { a: 'x', b: 'y', winner: 'a' },
      { a: 'y', b: 'x', winner: 'b' },
      { a: 'x', b: 'y', winner: 'b' },
      { a: 'x', b: 'y', winner: 'tie' },
    ];
    const fit = fitBradleyTerry(battles);
    expect(scoreOf(fit, 'x') - scoreOf(fit, 'y')).toBeCloseTo(Math.log(2.5 / 1.5), 10);
  });

  it('a symmetric three-cycle gives equal strengths', () => {
    const fit = fitBradleyTerry(
      battlesFromWins(
        ['a', 'b', 'c'],
        [
          [0, 4, 1],
          [1, 0, 4],
          [4, 1, 0],
        ],
      ),
    );
    for (const s of fit.scores) expect(Math.abs(s)).toBeLessThan(1e-10);
  });

  it('keeps estimates finite with an undefeated item by using the documented pseudo-count prior', () => {
    const battles = battlesFromWins(
      ['champ', 'mid', 'low'],
      [
        [0, 3, 4],
        [0, 0, 2],
        [0, 1, 0],
      ],
    );
    const fit = fitBradleyTerry(battles);
    expect(fit.priorUsed).toBe(1);
    expect(fit.scores.every(Number.isFinite)).toBe(true);
    expect(scoreOf(fit, 'champ')).toBeGreaterThan(scoreOf(fit, 'mid'));
    expect(scoreOf(fit, 'mid')).toBeGreaterThan(scoreOf(fit, 'low'));
  });

  it('stays finite on a split graph, and an explicit prior shrinks scores towards 0', () => {
    const split = fitBradleyTerry([
      { a: 'p', b: 'q', winner: 'a' },
      { a: 'q', b: 'p', winner: 'a' },
      { a: 'r', b: 's', winner: 'a' },
      { a: 'r', b: 's', winner: 'a' },
      { a: 's', b: 'r', winner: 'a' },
    ]);
    expect(split.priorUsed).toBe(1);
    expect(split.scores.every(Number.isFinite)).toBe(true);
    expect(scoreOf(split, 'p')).toBeCloseTo(scoreOf(split, 'q'), 10);
    expect(scoreOf(split, 'r')).toBeGreaterThan(scoreOf(split, 's'));
    const battles = battlesFromWins(TEAMS, WINS);
    const mle = fitBradleyTerry(battles);
    const shrunk = fitBradleyTerry(battles, { prior: 20 });
    expect(shrunk.priorUsed).toBe(20);
    for (let i = 0; i < TEAMS.length; i++)
      expect(Math.abs(shrunk.scores[i])).toBeLessThan(Math.abs(mle.scores[i]));
  });

  it('isStronglyConnected detects one-way and split graphs', () => {
    expect(
      isStronglyConnected([
        [0, 1],
        [1, 0],
      ]),
    ).toBe(true);
    expect(
      isStronglyConnected([
        [0, 1],
        [0, 0],
      ]),
    ).toBe(false);
    expect(
      isStronglyConnected([
        [0, 1, 0, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 0, 1, 0],
      ]),
    ).toBe(false);
  });
});

describe('leaderboard', () => {
  it('sorts by score, puts the Elo mean at 1000 and uses 400·log10', () => {
    const rows = leaderboard(battlesFromWins(TEAMS, WINS));
    expect(rows.map((r) => r.id)).toEqual(TEAMS);
    const meanElo = rows.reduce((s, r) => s + r.elo, 0) / rows.length;
    expect(meanElo).toBeCloseTo(1000, 9);
    // Milwaukee vs Baltimore: 400·log10(e^1.5814) = 686.8 Elo points.
    expect(rows[0].elo - rows[6].elo).toBeCloseTo((400 * 1.5814) / Math.LN10, 1);
    expect(eloFromScore(Math.log(10))).toBeCloseTo(1400, 12);
    expect(rows[0].ci_low).toBeNull();
  });

  it('bootstrap intervals are seeded, bracket the estimate and widen with fewer battles', () => {
    const battles = battlesFromWins(TEAMS, WINS);
    const a = leaderboard(battles, { bootstrap: 200, seed: 7 });
    const b = leaderboard(battles, { bootstrap: 200, seed: 7 });
    const c = leaderboard(battles, { bootstrap: 200, seed: 8 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const r of a) {
      expect(r.ci_low!).toBeLessThan(r.elo);
      expect(r.ci_high!).toBeGreaterThan(r.elo);
    }
    const few = leaderboard(
      battlesFromWins(
        TEAMS,
        WINS.map((row) => row.map((w) => Math.ceil(w / 3))),
      ),
      {
        bootstrap: 200,
        seed: 7,
      },
    );
    const width = (rows: typeof a, id: string) => {
      const r = rows.find((x) => x.id === id)!;
      return r.ci_high! - r.ci_low!;
    };
    expect(width(few, 'Detroit')).toBeGreaterThan(width(a, 'Detroit'));
  });

  it('quantileSorted interpolates like R type 7', () => {
    // R: quantile(1:5, c(0.025, 0.5, 0.975)) = 1.1, 3.0, 4.9
    expect(quantileSorted([1, 2, 3, 4, 5], 0.025)).toBeCloseTo(1.1, 12);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.975)).toBeCloseTo(4.9, 12);
  });
});

describe('parseBattlesJsonl', () => {
  it('reads Arena battles, counts tie (bothbad) as a tie, and ignores extra fields', () => {
    const text = [
      '{"model_a":"m1","model_b":"m2","winner":"model_a","language":"English"}',
      '',
      '{"model_a":"m2","model_b":"m3","winner":"model_b"}',
      '{"model_a":"m1","model_b":"m3","winner":"tie (bothbad)"}',
      '{"model_a":"m1","model_b":"m3","winner":"tie"}',
    ].join('\r\n');
    const { battles, lines, errors } = parseBattlesJsonl(text);
    expect(errors).toEqual([]);
    expect(lines).toEqual([1, 3, 4, 5]);
    expect(battles).toEqual([
      { a: 'm1', b: 'm2', winner: 'a' },
      { a: 'm2', b: 'm3', winner: 'b' },
      { a: 'm1', b: 'm3', winner: 'tie' },
      { a: 'm1', b: 'm3', winner: 'tie' },
    ]);
  });

  it('reports every problem with its line and field, never throwing', () => {
    const text = [
      '{"model_a":"m1","model_b":"m2"}',
      'not json',
      '[1,2]',
      '{"model_a":"","model_b":"x","winner":"a"}',
    ];
    const { battles, errors } = parseBattlesJsonl(text.join('\n'));
    expect(battles).toEqual([]);
    expect(errors).toEqual([
      { line: 1, field: 'winner', message: 'missing "winner"' },
      { line: 2, message: expect.stringContaining('invalid JSON') },
      { line: 3, message: 'expected an object with "model_a", "model_b" and "winner"' },
      { line: 4, field: 'model_a', message: '"model_a" must be a non-empty string' },
      {
        line: 4,
        field: 'winner',
        message: '"winner" must be one of "model_a", "model_b", "tie", "tie (bothbad)"',
      },
    ]);
  });

  it('trims and NFC-normalises names, and reports self-battles as skipped lines', () => {
    const { battles, errors, skipped } = parseBattlesJsonl(
      [
        '{"model_a":" gpt","model_b":"claude","winner":"model_b"}',
        '{"model_a":"gpt","model_b":"gpt ","winner":"tie"}',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(battles).toEqual([{ a: 'gpt', b: 'claude', winner: 'b' }]);
    expect(skipped).toEqual([
      { line: 2, field: 'model_b', message: expect.stringContaining('the same model ("gpt")') },
    ]);
  });

  it('property: arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseBattlesJsonl(s);
        return Array.isArray(r.battles) && Array.isArray(r.errors);
      }),
    );
  });
});
