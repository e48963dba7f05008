// One record may be at most MAX_RECORD_CHARS (16 Mi characters): a longer JSONL line is an error on its
// line and skipped (the lines around it still import), a CSV record that runs past it (an unclosed quote)
// stops the reading on its line; neither is ever held whole, whatever the chunking.
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_CHARS } from '../../lib/core/formats/limits';
import { createImporter, parseFile } from '../../lib/core/formats/parse';

const good = (i: number) => JSON.stringify({ prompt: `Q${i}`, chosen: 'yes', rejected: 'no' });
const huge = JSON.stringify({ prompt: 'big', chosen: 'x'.repeat(MAX_RECORD_CHARS), rejected: 'no' });

function inChunks(name: string, text: string, size: number) {
  const importer = createImporter(name, { now: 0 });
  for (let i = 0; i < text.length; i += size) importer.push(text.slice(i, i + size));
  return importer.finish();
}

describe('record length cap', () => {
  it('a JSONL line over 16 MiB is an error on its line; the other lines import', () => {
    const text = [good(1), huge, good(3)].join('\n') + '\n';
    for (const r of [parseFile('t.jsonl', text, { now: 0 }), inChunks('t.jsonl', text, 64 * 1024)]) {
      expect(r.format).toBe('trl-jsonl');
      expect(r.validRows).toBe(2);
      expect(r.dataset.prompts.map((p) => p.text)).toEqual(['Q1', 'Q3']);
      expect(r.issues).toEqual([
        {
          line: 2,
          message: expect.stringMatching(
            /^line is longer than 16 MiB \(16\.0 MiB read so far; the limit for one line\); skipped$/,
          ),
          severity: 'error',
        },
      ]);
    }
  });

  it('a JSONL file that ends inside an over-long line reports it too', () => {
    const r = inChunks('t.jsonl', `${good(1)}\n${huge}`, 1 << 20);
    expect(r.validRows).toBe(1);
    expect(r.issues[0]).toMatchObject({ line: 2, severity: 'error' });
  });

  it('a CSV record that runs past 16 MiB stops the reading on its line, keeping the rows before', () => {
    const text =
      'question,response_a,response_b,winner\nQ1,x,y,a\nQ2,"unclosed,y,a\n' +
      'z'.repeat(MAX_RECORD_CHARS) +
      '\nQ3,x,y,a\n';
    for (const r of [parseFile('t.csv', text, { now: 0 }), inChunks('t.csv', text, 64 * 1024)]) {
      expect(r.dataset.prompts.map((p) => p.text)).toEqual(['Q1']);
      const errors = r.issues.filter((i) => i.severity === 'error');
      expect(errors).toEqual([
        expect.objectContaining({
          line: 3,
          message: expect.stringContaining('record is longer than 16 MiB'),
        }),
      ]);
      expect(errors[0].message).toContain('reading stopped here (is a quote left open on this line?)');
    }
  });
});
