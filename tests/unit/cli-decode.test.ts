// Every CLI command reads its input through the shared decoder, as the browser does: multi-member gzip in
// full, a truncated gzip refused by line, a gzip bomb stopped at the 500 MiB cap, Latin-1 read with a warning,
// UTF-16 with a byte-order mark, a UTF-8 BOM and .gz accepted by `score` like every other command.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { cli, tempFolder } from './cli-harness';

const { dir, file } = tempFolder('decode');

const topics = ['paris', 'rivers', 'bread', 'chess', 'rain', 'tides', 'bees', 'glass', 'maps', 'tea'];
const PAIRS =
  Array.from({ length: 60 }, (_, i) =>
    JSON.stringify({
      prompt: `Tell me about ${topics[i % 10]} (${i})`,
      chosen: `Here is a short overview of ${topics[i % 10]}: ${i % 7} key facts.`,
      rejected: `I'm sorry, I can't help with ${topics[i % 10]}.`,
    }),
  ).join('\n') + '\n';
const gz = (s: string | Uint8Array, opts: zlib.ZlibOptions = {}) => new Uint8Array(zlib.gzipSync(s, opts));
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const twoMembers = (text: string) => cat(gz(text.slice(0, 2000)), gz(text.slice(2000)));
const flushed = (text: string) => gz(text, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
const TRUNCATED =
  /^truncated gzip file: the file ends before the end of its compressed stream \(\d+ bytes of text read, up to line \d+\)$/;

describe('goodhart import', () => {
  it('refuses a gzip cut at a flush point with file:line and writes nothing', async () => {
    const f = file('cut.jsonl.gz', flushed(PAIRS));
    const out = path.join(dir, 'cut.json');
    const r = await cli('import', f, '--out', out, '--keep-valid');
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(new RegExp(`^${f}:61: truncated gzip file: `))]);
    expect(r.err[0].slice(`${f}:61: `.length)).toMatch(TRUNCATED);
    expect(r.out[2]).toBe('  0/0 rows valid, 0 duplicates merged, 1 errors, 0 warnings');
    expect(existsSync(out)).toBe(false);
  });

  it('reads every member of a multi-member gzip, as the plain file', async () => {
    const plain = await cli('import', file('p.jsonl', PAIRS), '--json');
    const two = await cli('import', file('p2.jsonl.gz', twoMembers(PAIRS)), '--json');
    expect(two.code).toBe(0);
    const { file: _a, ...a } = JSON.parse(plain.out[0]);
    const { file: _b, ...b } = JSON.parse(two.out[0]);
    expect(b).toEqual(a);
    expect(b).toMatchObject({ rows: 60, validRows: 60, errors: 0 });
  });

  it('reads Latin-1 with a warning on the line of the first non-UTF-8 byte', async () => {
    const text =
      PAIRS + JSON.stringify({ prompt: 'Où est le café ?', chosen: 'Là.', rejected: 'Ici.' }) + '\n';
    const f = file('fr.jsonl', new Uint8Array(Buffer.from(text, 'latin1')));
    const out = path.join(dir, 'fr.json');
    const r = await cli('import', f, '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([
      `${f}:61: warning: not UTF-8 (byte 0xF9 at line 61): read as Windows-1252 (Latin-1); if the text looks wrong, save the file as UTF-8`,
    ]);
    expect(readFileSync(out, 'utf8')).toContain('Où est le café ?');
    expect(readFileSync(out, 'utf8')).not.toContain('\ufffd');
  });

  it('reads UTF-16LE with a byte-order mark (warning) and refuses it without one', async () => {
    const bom = file(
      'u16.jsonl',
      cat(new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from(PAIRS, 'utf16le'))),
    );
    const r = await cli('import', bom, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0])).toMatchObject({ format: 'trl-jsonl', validRows: 60, warnings: 1 });
    const nobom = file('u16-nobom.jsonl', new Uint8Array(Buffer.from(PAIRS, 'utf16le')));
    const n = await cli('import', nobom);
    expect(n.code).toBe(1);
    expect(n.err).toEqual([
      `${nobom}:1: looks like UTF-16LE without a byte-order mark (a NUL byte after every character); save the file as UTF-8, or as UTF-16 with a byte-order mark`,
    ]);
  });

  it('stops a 2 MB gzip bomb at the 500 MiB cap and says so', async () => {
    const member = gz(new Uint8Array(8 << 20).fill(0x20), { level: 9 });
    const bomb = file('bomb.jsonl.gz', cat(...Array.from({ length: 280 }, () => member)));
    expect(readFileSync(bomb).length).toBeLessThan(3 << 20);
    const r = await cli('import', bomb);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      `${bomb}:1: too large: more than 500 MiB of text after decompression (the limit for one file; reading stopped here); split it into smaller files`,
    ]);
  }, 120_000);
});

describe('goodhart train / eval / score / leaderboard / inspect', () => {
  it('train refuses a truncated gzip by line; eval reads all members of a multi-member gzip', async () => {
    const cut = file('cut-train.jsonl.gz', flushed(PAIRS));
    const t = await cli('train', cut, '--out', path.join(dir, 'never.json'));
    expect(t.code).toBe(1);
    expect(t.err).toEqual([expect.stringMatching(new RegExp(`^${cut}:61: truncated gzip file: `))]);
    expect(existsSync(path.join(dir, 'never.json'))).toBe(false);

    const model = path.join(dir, 'm.json');
    expect((await cli('train', file('train.jsonl', PAIRS), '--out', model, '--epochs', '3')).code).toBe(0);
    const plain = await cli('eval', model, file('e.jsonl', PAIRS), '--json');
    const two = await cli('eval', model, file('e2.jsonl.gz', twoMembers(PAIRS)), '--json');
    expect(JSON.parse(two.out[0])).toEqual(JSON.parse(plain.out[0]));
    expect(JSON.parse(two.out[0]).n).toBe(60);
  });

  it('score accepts a UTF-8 BOM and .gz like every other command, and warns on Latin-1', async () => {
    const model = path.join(dir, 'm-score.json');
    expect((await cli('train', file('t2.jsonl', PAIRS), '--out', model, '--epochs', '2')).code).toBe(0);
    const lines =
      [
        JSON.stringify({ prompt: 'Tell me about tea', response: 'Tea is a drink with a long history.' }),
        JSON.stringify({ prompt: 'Tell me about tea', response: "I'm sorry, I can't help." }),
      ].join('\n') + '\n';
    const plain = await cli('score', model, file('r.jsonl', lines));
    expect(plain.code).toBe(0);
    expect(plain.out).toHaveLength(2);
    const bom = await cli('score', model, file('r-bom.jsonl', '\ufeff' + lines));
    expect(bom).toEqual(plain);
    const gzipped = await cli('score', model, file('r.jsonl.gz', gz('\ufeff' + lines)));
    expect(gzipped).toEqual(plain);
    const latin = file(
      'r-fr.jsonl',
      new Uint8Array(Buffer.from(JSON.stringify({ prompt: 'Thé ?', response: 'Oui.' }), 'latin1')),
    );
    const s = await cli('score', model, latin);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out[0]).prompt).toBe('Thé ?');
    expect(s.err).toEqual([
      expect.stringMatching(
        new RegExp(`^${latin}:1: warning: not UTF-8 \\(byte 0xE9 at line 1\\): read as Windows-1252`),
      ),
    ]);
    const cut = file('r-cut.jsonl.gz', flushed(lines));
    const c = await cli('score', model, cut);
    expect(c.code).toBe(1);
    expect(c.out).toEqual([]);
    expect(c.err).toEqual([expect.stringMatching(new RegExp(`^${cut}:3: truncated gzip file: `))]);
  });

  it('leaderboard reads a multi-member gzip in full (whatever the name) and refuses a truncated one', async () => {
    const battles =
      Array.from({ length: 40 }, (_, i) =>
        JSON.stringify({
          model_a: `m${i % 4}`,
          model_b: `m${(i + 1) % 4}`,
          winner: i % 3 === 0 ? 'model_b' : 'model_a',
        }),
      ).join('\n') + '\n';
    const plain = await cli('leaderboard', file('b.jsonl', battles), '--json', '--bootstrap', '0');
    const two = await cli('leaderboard', file('b2.data', twoMembers(battles)), '--json', '--bootstrap', '0');
    expect(two).toEqual(plain);
    const cut = file('b-cut.jsonl.gz', flushed(battles));
    const c = await cli('leaderboard', cut);
    expect(c.code).toBe(1);
    expect(c.err).toEqual([expect.stringMatching(new RegExp(`^${cut}:41: truncated gzip file: `))]);
  });

  it('inspect --scores refuses a corrupt gzip by line', async () => {
    const scores = JSON.stringify({ prompt: 'p', response: 'r', reward: 1, correct: true }) + '\n';
    const bad = gz(scores);
    bad[bad.length - 7] ^= 0xff;
    const f = file('s.jsonl.gz', bad);
    const r = await cli('inspect', '--scores', f);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      expect.stringMatching(new RegExp(`^${f}:2: corrupt gzip file: the data fails its CRC-32 check`)),
    ]);
  });
});
