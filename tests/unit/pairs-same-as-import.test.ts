// One reading per format: `goodhart train`/`eval` (pairs.ts `parsePairsText`) and the browser's importer
// (formats/parse.ts `parseFile`) give the same preferences, line for line, for TRL, HH-RLHF, ranked and
// goodhart-labels files, and refuse the same lines. Random files (fast-check) plus the rules that used to
// differ: an empty prompt, chosen equal to rejected, `a`/`b` short names, a response compared with
// itself, a duplicate ranked response and a byte-order mark.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePairsText, type PreferencePair } from '../../lib/core/formats/pairs';
import { parseFile } from '../../lib/core/formats/parse';
import type { ImportResult } from '../../lib/core/formats/result';
import { marginToStrength } from '../../lib/core/formats/trl';

/** A preference as both readers can state it (a TRL margin is stored as its strength). */
interface Pref {
  prompt: string;
  chosen: string;
  rejected: string;
  tie: boolean;
  strength: number | null;
}

function fromCli(p: PreferencePair): Pref {
  const strength = p.strength ?? (p.margin === undefined ? null : marginToStrength(p.margin));
  return { prompt: p.prompt, chosen: p.chosen, rejected: p.rejected, tie: p.tie === true, strength };
}

/** The importer's comparisons as preferences, written out here (not through the code under test). */
function fromImport(r: ImportResult): Pref[] {
  const prompt = new Map(r.dataset.prompts.map((p) => [p.id, p.text]));
  const text = new Map(r.dataset.responses.map((x) => [x.id, x.text]));
  return r.comparisons.flatMap((c) => {
    if (c.outcome === 'both_bad') return [];
    const [w, l] = c.outcome === 'b' ? [c.bId, c.aId] : [c.aId, c.bId];
    return [
      {
        prompt: prompt.get(c.promptId)!,
        chosen: text.get(w)!,
        rejected: text.get(l)!,
        tie: c.outcome === 'tie',
        strength: c.strength ?? null,
      },
    ];
  });
}

const jsonl = (rows: unknown[]) =>
  rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');

/** Both readers on one file: their preferences and the lines each refuses. */
function both(name: string, text: string) {
  const cli = parsePairsText(text);
  const imported = parseFile(name, text, { now: 0 });
  return {
    cli: cli.pairs.map(fromCli),
    imported: fromImport(imported),
    cliErrorLines: [...new Set(cli.errors.map((e) => e.line))].sort((a, b) => a - b),
    importErrorLines: [
      ...new Set(imported.issues.filter((i) => i.severity === 'error').map((i) => i.line)),
    ].sort((a, b) => a - b),
    cliResult: cli,
    importResult: imported,
  };
}

/** Both readers on a file (its text, or its rows as JSONL) agree; returns what each read. */
function expectSame(name: string, file: string | unknown[]) {
  const r = both(name, typeof file === 'string' ? file : jsonl(file));
  expect(r.cli).toEqual(r.imported);
  expect(r.cliErrorLines).toEqual(r.importErrorLines);
  return r;
}

// Short texts over a few characters (spaces included), so equal, empty and blank texts all turn up.
const word = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é'), maxLength: 3 });
const strength = fc.option(fc.constantFrom(1, 2, 3), { nil: undefined });

describe('pairs parser and importer read a file the same way', () => {
  it('TRL preference JSONL, standard and conversational, with margins', () => {
    const row = fc.record({
      prompt: word,
      chosen: word,
      rejected: word,
      margin: fc.option(fc.constantFrom(0, 0.5, 1, 1.5, 2, 3), { nil: undefined }),
      conversational: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, {
          minLength: 1,
          maxLength: 12,
          selector: (r) => `${r.prompt}|${r.chosen}|${r.rejected}`,
        }),
        (rows) => {
          const lines = rows.map(({ conversational, margin, ...r }) => {
            const m = margin === undefined ? {} : { margin };
            if (!conversational) return { ...r, ...m };
            const say = (role: string, content: string) => [{ role, content }];
            return {
              prompt: say('user', r.prompt),
              chosen: say('assistant', r.chosen),
              rejected: say('assistant', r.rejected),
              ...m,
            };
          });
          // A standard first row, so the file is detected as TRL whatever follows.
          expectSame('prefs.jsonl', [{ prompt: 'q', chosen: 'x', rejected: 'y' }, ...lines]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('HH-RLHF transcripts', () => {
    const row = fc.record({ q: word, chosen: word, rejected: word, turns: fc.nat({ max: 2 }) });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, {
          minLength: 1,
          maxLength: 12,
          // The importer merges a repeated pair (the replies are trimmed), which goodhart train keeps.
          selector: (r) => `${r.q}|${r.chosen.trim()}|${r.rejected.trim()}|${r.turns}`,
        }),
        (rows) => {
          const lines = rows.map((r) => {
            const before = `\n\nHuman: ${r.q}` + '\n\nAssistant: ok\n\nHuman: more'.repeat(r.turns);
            return {
              chosen: `${before}\n\nAssistant: ${r.chosen}`,
              rejected: `${before}\n\nAssistant: ${r.rejected}`,
            };
          });
          expectSame('hh.jsonl', lines);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ranked candidates, 0- and 1-based, all pairs', () => {
    const row = fc.array(word, { minLength: 2, maxLength: 5 }).chain((responses) =>
      fc.record({
        prompt: word,
        responses: fc.constant(responses),
        ranking: fc.shuffledSubarray([...responses.keys()], { minLength: 2 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.boolean(), (rows, oneBased) => {
        const shifted = rows.map((r) => ({ ...r, ranking: r.ranking.map((i) => i + (oneBased ? 1 : 0)) }));
        expectSame('ranked.jsonl', shifted);
      }),
      { numRuns: 200 },
    );
  });

  it('goodhart-labels lines, with every outcome and the a/b short names', () => {
    const row = fc.record({
      prompt: word,
      a: word,
      b: word,
      outcome: fc.constantFrom('a', 'b', 'tie', 'both_bad'),
      strength,
      short: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
        const lines = rows.map(({ short, a, b, strength: s, ...r }) => ({
          format: 'goodhart-labels',
          ...r,
          ...(short ? { a, b } : { response_a: a, response_b: b }),
          ...(s === undefined ? {} : { strength: s }),
        }));
        expectSame('labels.jsonl', lines);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the rules that used to differ between goodhart train and the importer', () => {
  it('an empty prompt is an error on its line for both', () => {
    const r = expectSame('p.jsonl', [
      { prompt: 'q', chosen: 'x', rejected: 'y' },
      { prompt: ' ', chosen: 'a', rejected: 'b' },
    ]);
    expect(r.cliResult.errors).toEqual([
      { line: 2, field: 'prompt', message: '"prompt": missing or empty prompt' },
    ]);
    expect(r.cli).toHaveLength(1);
  });

  it('chosen equal to rejected gives no preference and a warning in both', () => {
    const r = expectSame('p.jsonl', [
      { prompt: 'q', chosen: 'x', rejected: 'x' },
      { prompt: 'q', chosen: 'x', rejected: 'y' },
    ]);
    expect(r.cliResult.pairs).toEqual([{ prompt: 'q', chosen: 'x', rejected: 'y' }]);
    expect(r.cliResult.skipped).toBe(1);
    const message = '"rejected": "chosen" and "rejected" are identical; no comparison made';
    expect(r.cliResult.warnings).toEqual([{ line: 1, field: 'rejected', message }]);
    expect(r.importResult.issues).toEqual([
      { line: 1, field: 'rejected', severity: 'warning', message: message.slice('"rejected": '.length) },
    ]);
  });

  it('labels lines with `a`/`b` import as they train, and a self-comparison is refused by both', () => {
    const ok = expectSame('l.jsonl', [
      { format: 'goodhart-labels', prompt: 'p', a: 'A', b: 'B', outcome: 'b', strength: 3 },
    ]);
    expect(ok.imported).toEqual([{ prompt: 'p', chosen: 'B', rejected: 'A', tie: false, strength: 3 }]);
    const self = expectSame('l.jsonl', [
      { format: 'goodhart-labels', prompt: 'p', response_a: 'A', response_b: 'A', outcome: 'a' },
    ]);
    expect(self.cliResult.errors).toEqual([
      { line: 1, field: 'b_id', message: '"b_id": a response compared with itself' },
    ]);
    expect(self.cli).toEqual([]);
  });

  it('a ranking over a duplicated response skips that pair in both', () => {
    const r = expectSame('r.jsonl', [{ prompt: 'q', responses: ['x', 'y', 'x'], ranking: [0, 1, 2] }]);
    expect(r.cli).toEqual([
      { prompt: 'q', chosen: 'x', rejected: 'y', tie: false, strength: null },
      { prompt: 'q', chosen: 'y', rejected: 'x', tie: false, strength: null },
    ]);
    expect(r.cliResult.warnings.map((w) => [w.line, w.field])).toEqual([[1, 'ranking']]);
  });

  it('a byte-order mark and CRLF line ends read as the importer reads them', () => {
    const text =
      '\ufeff' +
      jsonl([
        { prompt: 'q', chosen: 'x', rejected: 'y' },
        { prompt: 'r', chosen: 'z', rejected: 'w' },
      ]).replace('\n', '\r\n');
    const r = expectSame('b.jsonl', text);
    expect(r.cliResult.errors).toEqual([]);
    expect(r.cliResult.pairs.map((p) => p.prompt)).toEqual(['q', 'r']);
  });
});
