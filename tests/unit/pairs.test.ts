// Pairs parser tests: the three line formats, every kind of bad line, gzip decoding, and the real
// HH-RLHF harmless test file (2,312 pairs) from ../shared/data (beside the project root).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, strToU8 } from 'fflate';
import {
  HH_ASSISTANT,
  decodeMaybeGzip,
  parsePairsText,
  splitHhTranscripts,
} from '../../lib/core/formats/pairs';

const HH_FILE = path.resolve(__dirname, '../../../shared/data/hh-rlhf-harmless-test.jsonl.gz');
const jsonl = (...rows: unknown[]) =>
  rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');

describe('parsePairsText', () => {
  it('reads TRL preference JSONL with optional margin, skipping blank lines', () => {
    const r = parsePairsText(
      jsonl({ prompt: 'p', chosen: 'c', rejected: 'r' }, '', '   ', {
        prompt: 'q',
        chosen: 'x',
        rejected: 'y',
        margin: 0.5,
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('trl');
    expect(r.pairs).toEqual([
      { prompt: 'p', chosen: 'c', rejected: 'r' },
      { prompt: 'q', chosen: 'x', rejected: 'y', margin: 0.5 },
    ]);
  });

  it('splits HH-RLHF transcripts at the last shared Assistant turn', () => {
    const base = '\n\nHuman: Hi\n\nAssistant: Hello\n\nHuman: Tell me a joke\n\nAssistant:';
    const r = parsePairsText(jsonl({ chosen: base + ' Knock knock.', rejected: base + ' No.' }));
    expect(r.format).toBe('hh-rlhf');
    expect(r.pairs).toEqual([{ prompt: base, chosen: 'Knock knock.', rejected: 'No.' }]);
    // Diverging before the final turn: the prompt stops at the last turn both share.
    const early = splitHhTranscripts(
      '\n\nHuman: a\n\nAssistant: yes\n\nHuman: b\n\nAssistant: c',
      '\n\nHuman: a\n\nAssistant: no',
    );
    expect(early).toEqual({
      prompt: '\n\nHuman: a\n\nAssistant:',
      chosen: 'yes\n\nHuman: b\n\nAssistant: c',
      rejected: 'no',
    });
  });

  it('reads goodhart-labels: outcome picks chosen, ties kept, both_bad skipped', () => {
    const r = parsePairsText(
      jsonl(
        {
          format: 'goodhart-labels',
          prompt: 'p',
          response_a: 'A',
          response_b: 'B',
          outcome: 'b',
          strength: 3,
        },
        { format: 'goodhart-labels', prompt: 'p', a: 'A', b: 'B', outcome: 'a' },
        { format: 'goodhart-labels', prompt: 'p', response_a: 'A', response_b: 'B', outcome: 'tie' },
        { format: 'goodhart-labels', prompt: 'p', response_a: 'A', response_b: 'B', outcome: 'both_bad' },
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('goodhart-labels');
    expect(r.skipped).toBe(1);
    expect(r.pairs).toEqual([
      { prompt: 'p', chosen: 'B', rejected: 'A', strength: 3 },
      { prompt: 'p', chosen: 'A', rejected: 'B' },
      { prompt: 'p', chosen: 'A', rejected: 'B', tie: true },
    ]);
  });

  it('reports each bad line with its number and field, and never throws', () => {
    const r = parsePairsText(
      jsonl(
        '{not json',
        '[1,2]',
        { prompt: 'p', chosen: 'c' },
        { prompt: 'p', chosen: 3, rejected: 'r' },
        { prompt: 'p', chosen: 'c', rejected: 'r', margin: 'big' },
        { chosen: '\n\nHuman: a\n\nAssistant: b', rejected: 'nothing shared' },
        { format: 'goodhart-labels', prompt: 'p', response_a: 'A', response_b: 'B', outcome: 'maybe' },
        { format: 'other' },
        { hello: 1 },
        { prompt: 'ok', chosen: 'c', rejected: 'r' },
      ),
    );
    expect(r.pairs).toHaveLength(1);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [1, undefined],
      [2, undefined],
      [3, 'rejected'],
      [4, 'chosen'],
      [5, 'margin'],
      [6, undefined],
      [7, 'outcome'],
      [8, 'format'],
      [9, undefined],
    ]);
    expect(r.errors[0].message).toMatch(/^invalid JSON/);
    expect(r.errors[2].message).toBe('missing "rejected"');
  });

  it('reports mixed and empty files', () => {
    expect(parsePairsText('').format).toBe('empty');
    const mixed = jsonl(
      { prompt: 'p', chosen: 'c', rejected: 'r' },
      { chosen: '\n\nAssistant: x', rejected: '\n\nAssistant: y' },
    );
    expect(parsePairsText(mixed).format).toBe('mixed');
  });

  it('decodes gzip and plain bytes alike', () => {
    const text = jsonl({ prompt: 'p', chosen: 'c', rejected: 'r' });
    expect(decodeMaybeGzip(gzipSync(strToU8(text)))).toBe(text);
    expect(decodeMaybeGzip(strToU8(text))).toBe(text);
  });
});

describe('HH-RLHF harmless test file', () => {
  it('parses all 2,312 pairs with prompts ending in the last shared Assistant turn', () => {
    const text = decodeMaybeGzip(readFileSync(HH_FILE));
    const r = parsePairsText(text);
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('hh-rlhf');
    expect(r.pairs).toHaveLength(2312);
    const raw = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { chosen: string; rejected: string });
    // Independently: lines where both transcripts' own last Assistant turn gives the same prefix.
    const diverging: number[] = [];
    raw.forEach((o, i) => {
      const pc = o.chosen.slice(0, o.chosen.lastIndexOf(HH_ASSISTANT) + HH_ASSISTANT.length);
      const pr = o.rejected.slice(0, o.rejected.lastIndexOf(HH_ASSISTANT) + HH_ASSISTANT.length);
      const p = r.pairs[i];
      expect(p.prompt.endsWith(HH_ASSISTANT)).toBe(true);
      expect(o.chosen.startsWith(p.prompt) && o.rejected.startsWith(p.prompt)).toBe(true);
      if (pc === pr) expect([p.prompt, p.chosen]).toEqual([pc, o.chosen.slice(pc.length).trim()]);
      else diverging.push(i + 1);
    });
    // Five transcripts diverge before their last turn (found by reading the file).
    expect(diverging).toEqual([1255, 1689, 1951, 1953, 2037]);
  });
});

describe('parsePairsText on ranked candidates', () => {
  it('expands a ranking, best first, into its C(K,2) pairs with the better response chosen', () => {
    const text = [
      JSON.stringify({
        prompt: 'Q1',
        responses: ['a', 'b', { text: 'c', correct: true }],
        ranking: [2, 0, 1],
      }),
      JSON.stringify({ prompt: 'Q2', responses: ['x', 'y', 'z'], ranking: [1, 2] }),
    ].join('\n');
    const parsed = parsePairsText(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.format).toBe('ranked');
    expect(parsed.pairs).toEqual([
      { prompt: 'Q1', chosen: 'c', rejected: 'a' },
      { prompt: 'Q1', chosen: 'c', rejected: 'b' },
      { prompt: 'Q1', chosen: 'a', rejected: 'b' },
      { prompt: 'Q2', chosen: 'y', rejected: 'z' },
    ]);
  });

  it('reports a missing, short or out-of-range ranking with its line and field', () => {
    const text = [
      JSON.stringify({ prompt: 'Q1', responses: ['a', 'b'] }),
      JSON.stringify({ prompt: 'Q2', responses: ['a', 'b'], ranking: [0] }),
      JSON.stringify({ prompt: 'Q3', responses: ['a', 'b'], ranking: [0, 2] }),
    ].join('\n');
    const parsed = parsePairsText(text);
    expect(parsed.pairs).toEqual([]);
    expect(parsed.errors.map((e) => [e.line, e.field])).toEqual([
      [1, 'ranking'],
      [2, 'ranking'],
      [3, 'ranking.1'],
    ]);
  });
});
