// Winner and gold numbers that count from 1 or from 0: inferred by one rule over the whole column,
// reported, and refused when both readings fit. Files are written here in the shapes public judgment sets
// use (an MT-Bench-style human-judgment CSV with 1/2 winners, a 0-based JSONL of LLM-as-judge picks).
import { describe, expect, it } from 'vitest';
import { inferIndexBase } from '../../lib/core/formats/index-base';
import { parseFile } from '../../lib/core/formats/parse';
import { hasErrors } from '../../lib/core/formats/result';
import { parsePairsText } from '../../lib/core/formats/pairs';

/** 100 rows, winner 1 or 2 for the first or second output (58 of them 2), in CSV. */
function oneBasedCsv(): { text: string; expected: string[] } {
  const lines = ['question_id,question,output_1,output_2,preference'];
  const expected: string[] = [];
  for (let i = 0; i < 100; i++) {
    const second = i % 100 < 58;
    lines.push(`${i},"Question ${i}?","first answer ${i}","second answer ${i}",${second ? 2 : 1}`);
    expected.push(second ? `second answer ${i}` : `first answer ${i}`);
  }
  return { text: lines.join('\n') + '\n', expected };
}

function winners(r: ReturnType<typeof parseFile>): string[] {
  const text = new Map(r.dataset.responses.map((x) => [x.id, x.text]));
  return r.comparisons.map((c) => {
    const winnerId = c.outcome === 'a' ? c.aId : c.bId;
    return text.get(winnerId)!;
  });
}

const mapping = {
  prompt: 'question',
  responses: ['output_1', 'output_2'],
  winner: 'preference',
};

describe('winner index base', () => {
  it('imports a 1-based file of 100 rows with every winner the right way round, and says so', () => {
    const { text, expected } = oneBasedCsv();
    const r = parseFile('judgments.csv', text, { format: 'mapped-csv', mapping });
    expect(hasErrors(r)).toBe(false);
    expect(r.validRows).toBe(100);
    expect(r.comparisons).toHaveLength(100);
    expect(winners(r)).toEqual(expected);
    expect(r.readings).toEqual([
      expect.objectContaining({ field: 'preference', what: 'winner', guessed: true }),
    ]);
    expect(r.readings![0].reading).toContain('1-based');
  });

  it('imports the same judgments written 0-based', () => {
    const { text, expected } = oneBasedCsv();
    const zero = text.replace(/,([12])$/gm, (_, d: string) => `,${Number(d) - 1}`);
    const r = parseFile('judgments0.csv', zero, { format: 'mapped-csv', mapping });
    expect(hasErrors(r)).toBe(false);
    expect(r.validRows).toBe(100);
    expect(winners(r)).toEqual(expected);
    expect(r.readings![0].reading).toContain('0-based');
  });

  it('stops on a column that fits both readings, naming the column, the lines and the fix', () => {
    // Three outputs: 0 on line 2 fits only 0-based, 3 on line 4 only 1-based.
    const text = 'q,o1,o2,o3,w\nA?,x,y,z,0\nB?,x,y,z,1\nC?,x,y,z,3\n';
    const r = parseFile('mixed.csv', text, {
      format: 'mapped-csv',
      mapping: { prompt: 'q', responses: ['o1', 'o2', 'o3'], winner: 'w' },
    });
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 4, field: 'w' });
    expect(errors[0].message).toMatch(/count from 0 or from 1.*line 2 holds 0.*line 4 holds 3.*"winnerBase"/);
    // Nothing with a numeric winner is half-read: no comparison, no valid row.
    expect(r.comparisons).toHaveLength(0);
    expect(r.validRows).toBe(0);
    expect(r.dataset.prompts).toHaveLength(0);
  });

  it('follows an explicit winnerBase, and refuses a value outside it by line', () => {
    const text = 'q,o1,o2,w\nA?,x,y,1\nB?,x,y,2\n';
    const zero = parseFile('z.csv', text, {
      format: 'mapped-csv',
      mapping: { prompt: 'q', responses: ['o1', 'o2'], winner: 'w', winnerBase: 0 },
    });
    expect(zero.issues).toEqual([
      {
        line: 3,
        field: 'w',
        message: 'winner 2 is not a response of this row (2 responses: 0–1, counting from 0)',
        severity: 'error',
      },
    ]);
    expect(winners(zero)).toEqual(['y']);
    expect(zero.readings![0]).toMatchObject({ guessed: false });
    const one = parseFile('o.csv', text, {
      format: 'mapped-csv',
      mapping: { prompt: 'q', responses: ['o1', 'o2'], winner: 'w', winnerBase: 1 },
    });
    expect(hasErrors(one)).toBe(false);
    expect(winners(one)).toEqual(['x', 'y']);
  });

  it('reports how named winners were read (a, model_b, tie spellings)', () => {
    const text = 'q,response_a,response_b,winner\nA?,x,y,model_a\nB?,x,y,tie (bothbad)\nC?,x,y,B\n';
    const r = parseFile('arena-like.csv', text, { format: 'mapped-csv' });
    expect(hasErrors(r)).toBe(false);
    expect(r.readings).toHaveLength(2);
    expect(r.readings![0]).toEqual({
      field: '(columns)',
      what: 'mapping',
      reading:
        'suggested from the field names: prompt ← "q"; responses ← "response_a", "response_b"; winner ← "winner"',
      guessed: true,
    });
    expect(r.readings![1].reading).toBe(
      '"model_a" → first response wins (1); "tie (bothbad)" → both bad (1); "B" → second response wins (1)',
    );
  });

  it('reads gold indices by the same rule', () => {
    const oneBased = '{"q":"A?","r":["x","y","z"],"gold":3}\n{"q":"B?","r":["x","y","z"],"gold":1}\n';
    const r = parseFile('g.jsonl', oneBased, {
      format: 'mapped-jsonl',
      mapping: { prompt: 'q', responses: 'r', correct: 'gold' },
    });
    expect(hasErrors(r)).toBe(false);
    expect(r.dataset.responses.map((x) => x.correct)).toEqual([false, false, true, true, false, false]);
    expect(r.readings![0]).toMatchObject({ what: 'gold index', guessed: true });
    const both = '{"q":"A?","r":["x","y","z"],"gold":3}\n{"q":"B?","r":["x","y","z"],"gold":0}\n';
    const bad = parseFile('g2.jsonl', both, {
      format: 'mapped-jsonl',
      mapping: { prompt: 'q', responses: 'r', correct: 'gold' },
    });
    expect(bad.issues.filter((i) => i.severity === 'error')[0].message).toContain('"correctBase"');
    expect(bad.dataset.prompts).toHaveLength(0);
  });
});

describe('inferIndexBase', () => {
  it('applies the rule: no 0 → 1-based; a 0 and no k → 0-based; both → ambiguous', () => {
    expect(inferIndexBase([])).toEqual({ kind: 'none' });
    expect(inferIndexBase([{ value: 1, k: 2, line: 2 }])).toMatchObject({ kind: 'inferred', base: 1 });
    expect(
      inferIndexBase([
        { value: 0, k: 2, line: 2 },
        { value: 1, k: 2, line: 3 },
      ]),
    ).toMatchObject({ kind: 'inferred', base: 0 });
    expect(
      inferIndexBase([
        { value: 0, k: 2, line: 2 },
        { value: 2, k: 2, line: 3 },
      ]),
    ).toEqual({ kind: 'ambiguous', zeroLine: 2, topLine: 3, top: 2 });
  });
});

describe('ranking indices', () => {
  const rows = (rankings: number[][]) =>
    rankings
      .map((ranking, i) => JSON.stringify({ prompt: `Q${i}`, responses: ['x', 'y', 'z'], ranking }))
      .join('\n');
  const best = (r: ReturnType<typeof parseFile>) => {
    const text = new Map(r.dataset.responses.map((x) => [x.id, x.text]));
    return r.comparisons.map((c) => `${text.get(c.aId)}>${text.get(c.bId)}`);
  };

  it('reads partial 1-based rankings (no 0 anywhere) as 1-based in the importer and goodhart train', () => {
    const text = rows([
      [2, 1],
      [3, 1],
    ]);
    const r = parseFile('r.jsonl', text);
    expect(hasErrors(r)).toBe(false);
    expect(best(r)).toEqual(['y>x', 'z>x']);
    expect(r.readings![0]).toMatchObject({ field: 'ranking', guessed: true });
    expect(r.readings![0].reading).toContain('1-based');
    const pairs = parsePairsText(text);
    expect(pairs.errors).toEqual([]);
    expect(pairs.pairs.map((p) => `${p.chosen}>${p.rejected}`)).toEqual(['y>x', 'z>x']);
  });

  it('reads 0-based rankings as before, and refuses a file that fits both readings', () => {
    expect(best(parseFile('r0.jsonl', rows([[2, 0, 1]])))).toEqual(['z>x', 'z>y', 'x>y']);
    const mixed = rows([
      [0, 1],
      [3, 2],
    ]);
    const r = parseFile('mixed.jsonl', mixed);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'ranking',
        message: expect.stringContaining('count from 0 or from 1'),
      }),
    ]);
    expect(r.comparisons).toEqual([]);
    const pairs = parsePairsText(mixed);
    expect(pairs.pairs).toEqual([]);
    expect(pairs.errors[0]).toMatchObject({ line: 2, field: 'ranking' });
  });
});
