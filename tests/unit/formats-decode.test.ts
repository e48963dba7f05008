// The shared decoder (lib/core/formats/decode.ts, gzip.ts, crc32.ts) on bytes built here: gzip cut at a flush
// point, mid-block and inside the trailer, multi-member and bgzip-style streams, bad checksums, a gzip bomb,
// Latin-1 / Windows-1252, UTF-16 LE/BE with a byte-order mark, a UTF-8 BOM, NUL bytes; the same outcome for
// any chunking; and the byte importer the worker and `goodhart import` use (a refusal yields no rows).
import zlib from 'node:zlib';
import fc from 'fast-check';
import { Gunzip, gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, Crc32 } from '../../lib/core/formats/crc32';
import { createByteDecoder, decodeBytes } from '../../lib/core/formats/decode';
import { MAX_TEXT_BYTES } from '../../lib/core/formats/limits';
import { recordFields } from '../../lib/core/formats/detect';
import { createFileImporter, parseFile, parseFileBytes } from '../../lib/core/formats/parse';

const rows = Array.from({ length: 50 }, (_, i) =>
  JSON.stringify({ prompt: `Question ${i}?`, chosen: `A good answer ${i}.`, rejected: `A bad answer ${i}.` }),
);
const TEXT = rows.join('\n') + '\n';
const gz = (s: string | Uint8Array, opts: zlib.ZlibOptions = {}) => new Uint8Array(zlib.gzipSync(s, opts));
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const FULL = gz(TEXT);
/** Header, deflate data ending at a sync flush point, no final block and no trailer. */
const FLUSHED = gz(TEXT, { finishFlush: zlib.constants.Z_SYNC_FLUSH });

/** A bgzip-style member: FEXTRA with a "BC" subfield, raw deflate, CRC-32 and ISIZE (computed by node:zlib). */
function bgzfMember(data: Uint8Array): Uint8Array {
  const body = zlib.deflateRawSync(data);
  const header = Buffer.from([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 0x42, 0x43, 2, 0, 0, 0]);
  header.writeUInt16LE(header.length + body.length + 8 - 1, 16);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(data), 0);
  trailer.writeUInt32LE(data.length, 4);
  return cat(header, body, trailer);
}

function feedInChunks(
  bytes: Uint8Array,
  cuts: number[],
): { text: string; outcome: ReturnType<typeof decodeBytes> } {
  const parts: string[] = [];
  const d = createByteDecoder((t) => parts.push(t));
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    d.push(bytes.subarray(at, cut));
    at = cut;
  }
  d.push(bytes.subarray(at));
  const outcome = d.finish();
  return {
    text: outcome.error ? '' : parts.join(''),
    outcome: { ...outcome, text: outcome.error ? '' : parts.join('') },
  };
}

describe('fflate, as the decoder relies on it (pinned, not assumed)', () => {
  it('gunzipSync reads only the first member; the Gunzip stream reads all of them', () => {
    const two = cat(gz(TEXT.slice(0, 500)), gz(TEXT.slice(500)));
    expect(new TextDecoder().decode(gunzipSync(two))).toBe(TEXT.slice(0, 500));
    let n = 0;
    new Gunzip((d) => (n += d.length)).push(two, true);
    expect(n).toBe(TEXT.length);
  });

  it('the Gunzip stream accepts a file cut at a flush point and a wrong CRC-32 without complaint', () => {
    let n = 0;
    new Gunzip((d) => (n += d.length)).push(FLUSHED, true);
    expect(n).toBe(TEXT.length);
    const bad = FULL.slice();
    bad[bad.length - 6] ^= 0xff;
    expect(() => new Gunzip(() => {}).push(bad, true)).not.toThrow();
  });
});

describe('CRC-32', () => {
  it('gives the standard check value and node:zlib’s value in any chunking', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (bytes, cut) => {
        const c = new Crc32().update(bytes.subarray(0, cut)).update(bytes.subarray(cut));
        expect(c.value).toBe(zlib.crc32(bytes));
      }),
      { seed: 1, numRuns: 200 },
    );
  });
});

describe('gzip', () => {
  it('decodes a whole file', () => {
    expect(decodeBytes(FULL)).toEqual({
      text: TEXT,
      warnings: [],
      encoding: 'UTF-8',
      gzip: true,
      bytes: TEXT.length,
    });
  });

  it('refuses a file cut at a flush point, naming the truncation and the line reached', () => {
    const r = decodeBytes(FLUSHED);
    expect(r.error).toEqual({
      line: 51,
      severity: 'error',
      message: `truncated gzip file: the file ends before the end of its compressed stream (${TEXT.length} bytes of text read, up to line 51)`,
    });
    expect(r.text).toBe('');
  });

  it('refuses a file cut mid-block and one cut inside its trailer', () => {
    const mid = decodeBytes(FULL.subarray(0, Math.floor(FULL.length / 2)));
    expect(mid.error?.message).toMatch(
      /^truncated gzip file: the file ends inside a compressed block \(\d+ bytes of text read, up to line \d+\)$/,
    );
    expect(mid.error?.line).toBeGreaterThan(1);
    for (const cut of [1, 3, 4, 7, 8]) {
      const r = decodeBytes(FULL.subarray(0, FULL.length - cut));
      expect(r.error?.message, `cut ${cut}`).toMatch(/^truncated gzip file: /);
    }
    expect(decodeBytes(FULL.subarray(0, 12)).error?.message).toMatch(/^truncated gzip file: /);
  });

  it('reads every member of a multi-member file (cat a.gz b.gz, bgzip with its empty EOF member)', () => {
    const enc = new TextEncoder();
    const two = decodeBytes(cat(gz(TEXT.slice(0, 1234)), gz(TEXT.slice(1234))));
    expect(two.text).toBe(TEXT);
    expect(two.error).toBeUndefined();
    const bytes = enc.encode(TEXT);
    const bgzf = cat(
      bgzfMember(bytes.subarray(0, 700)),
      bgzfMember(bytes.subarray(700)),
      bgzfMember(new Uint8Array(0)),
    );
    expect(decodeBytes(bgzf)).toMatchObject({ text: TEXT, warnings: [], gzip: true });
  });

  it('refuses a wrong CRC-32 or ISIZE, naming the member', () => {
    const bad = FULL.slice();
    bad[bad.length - 6] ^= 0xff;
    expect(decodeBytes(bad).error?.message).toMatch(
      /^corrupt gzip file: the data fails its CRC-32 check \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\)/,
    );
    const first = gz(TEXT.slice(0, 1000));
    first[first.length - 4] ^= 0x01;
    expect(decodeBytes(cat(first, gz(TEXT.slice(1000)))).error?.message).toMatch(
      /^corrupt gzip file: member 1 holds 1000 bytes but its trailer says \d+/,
    );
    const crcBad = gz(TEXT.slice(0, 1000));
    crcBad[crcBad.length - 8] ^= 0x01;
    expect(decodeBytes(cat(crcBad, gz(TEXT.slice(1000)))).error?.message).toMatch(
      /^corrupt gzip file: member 1 fails its CRC-32 check/,
    );
    expect(decodeBytes(cat(FULL, new Uint8Array([1, 2, 3, 4, 5]))).error?.message).toMatch(
      /^corrupt gzip file: /,
    );
  });

  it('stops a gzip bomb at the cap while streaming (a small cap here)', () => {
    const bomb = gz(new Uint8Array(64 << 20).fill(0x20));
    expect(bomb.length).toBeLessThan(100_000);
    let seen = 0;
    const d = createByteDecoder((t) => (seen += t.length), { maxBytes: 1 << 20 });
    expect(d.push(bomb)).toBe(false);
    const r = d.finish();
    expect(r.error).toEqual({
      line: 1,
      severity: 'error',
      message:
        'too large: more than 1 MiB of text after decompression (the limit for one file; reading stopped here); split it into smaller files',
    });
    // Decompression stopped within one 16 KiB slice of compressed input past the cap, not at 64 MiB.
    expect(r.bytes).toBeLessThan((1 << 20) + (17 << 20));
    expect(seen).toBeLessThanOrEqual(1 << 20);
  });

  it('stops a 560 MiB gzip bomb at the documented 500 MiB cap', () => {
    expect(MAX_TEXT_BYTES).toBe(500 * 1024 * 1024);
    const member = gz(new Uint8Array(8 << 20).fill(0x20), { level: 9 });
    const bomb = cat(...Array.from({ length: 70 }, () => member));
    expect(bomb.length).toBeLessThan(1 << 20);
    const d = createByteDecoder(() => {});
    let pushed = 0;
    for (let i = 0; i < bomb.length; i += 65536) {
      pushed += 1;
      if (!d.push(bomb.subarray(i, i + 65536))) break;
    }
    const r = d.finish();
    expect(r.error?.message).toMatch(/^too large: more than 500 MiB of text after decompression/);
    expect(r.bytes).toBeLessThan(MAX_TEXT_BYTES + (17 << 20));
    expect(pushed).toBeLessThan(Math.ceil(bomb.length / 65536));
  }, 60_000);
});

describe('text encodings', () => {
  const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('drops a UTF-8 byte-order mark without a warning', () => {
    expect(decodeBytes(utf8('\ufeff{"prompt":"café"}\n'))).toMatchObject({
      text: '{"prompt":"café"}\n',
      warnings: [],
    });
    // A U+FEFF later in the text is kept, whatever the chunking.
    expect(feedInChunks(utf8('a\n\ufeffb'), [2]).text).toBe('a\n\ufeffb');
  });

  it('reads Latin-1 / Windows-1252 with a warning naming the first non-UTF-8 byte’s line', () => {
    const r = decodeBytes(latin1('{"prompt":"x"}\n{"prompt":"caf\u00e9","chosen":"na\u00efve"}\n'));
    expect(r.text).toBe('{"prompt":"x"}\n{"prompt":"café","chosen":"naïve"}\n');
    expect(r.encoding).toBe('Windows-1252');
    expect(r.warnings).toEqual([
      {
        line: 2,
        severity: 'warning',
        message:
          'not UTF-8 (byte 0xE9 at line 2): read as Windows-1252 (Latin-1); if the text looks wrong, save the file as UTF-8',
      },
    ]);
    expect(decodeBytes(new Uint8Array([0x80, 0x20, 0x93, 0x71, 0x94, 0x0a])).text).toBe('€ “q”\n');
    // A Latin-1 byte as the file's very last byte (held back as a possible UTF-8 lead) still decodes.
    expect(decodeBytes(latin1('caf\u00e9')).text).toBe('café');
  });

  it('refuses a bad UTF-8 byte after UTF-8 text, and a file mixing Windows-1252 and UTF-8, by line', () => {
    const after = decodeBytes(cat(utf8('naïve\nok\n'), latin1('caf\u00e9\n')));
    expect(after.error).toEqual({
      line: 3,
      severity: 'error',
      message:
        'not valid UTF-8: byte 0xE9 at line 3, after UTF-8 text; fix that byte or save the file as UTF-8',
    });
    const mixed = decodeBytes(cat(latin1('ok\ncaf\u00e9\n'), utf8('naïve\n')));
    expect(mixed.error).toEqual({
      line: 3,
      severity: 'error',
      message: 'mixed encodings: line 2 is not UTF-8 but line 3 is; save the file as UTF-8',
    });
  });

  it('decodes UTF-16 LE and BE with a byte-order mark, with a warning', () => {
    const text = '{"prompt":"café ☕ 𝄞","chosen":"a","rejected":"b"}\n';
    const le = cat(new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from(text, 'utf16le')));
    const be = cat(new Uint8Array([0xfe, 0xff]), new Uint8Array(Buffer.from(text, 'utf16le').swap16()));
    for (const [bytes, name] of [
      [le, 'UTF-16LE'],
      [be, 'UTF-16BE'],
    ] as const) {
      const r = decodeBytes(bytes);
      expect(r.text).toBe(text);
      expect(r.encoding).toBe(name);
      expect(r.warnings).toEqual([
        {
          line: 1,
          severity: 'warning',
          message: `read as ${name} (the file starts with its byte-order mark); UTF-8 is the usual encoding`,
        },
      ]);
      expect(decodeBytes(gz(bytes)).text).toBe(text);
      expect(decodeBytes(bytes.subarray(0, bytes.length - 1)).error?.message).toBe(
        `${name} text with an odd number of bytes: the file is cut off`,
      );
    }
  });

  it('refuses UTF-16 without a byte-order mark, UTF-32, and NUL bytes, by line', () => {
    expect(decodeBytes(new Uint8Array(Buffer.from('{"a":1}', 'utf16le'))).error?.message).toBe(
      'looks like UTF-16LE without a byte-order mark (a NUL byte after every character); save the file as UTF-8, or as UTF-16 with a byte-order mark',
    );
    expect(decodeBytes(new Uint8Array(Buffer.from('{"a":1}', 'utf16le').swap16())).error?.message).toMatch(
      /^looks like UTF-16BE without/,
    );
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])).error?.message).toBe(
      'UTF-32 text is not supported; save the file as UTF-8',
    );
    const nul = decodeBytes(cat(utf8('{"a":1}\n{"a":2}\n{"a"'), new Uint8Array([0]), utf8(':3}\n')));
    expect(nul.error).toEqual({
      line: 3,
      severity: 'error',
      message:
        'a NUL byte: this is not a text file (binary data, or UTF-16/UTF-32 without a byte-order mark); save the file as UTF-8',
    });
  });

  it('gives the same text, warnings and error for any chunking', () => {
    const inputs = [
      FULL,
      FLUSHED,
      cat(gz(TEXT.slice(0, 999)), gz(TEXT.slice(999))),
      latin1('abc\ncaf\u00e9 na\u00efve\n\u00e0 la carte'),
      cat(utf8('naïve ☕ 𝄞\n'), latin1('caf\u00e9')),
      cat(new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from('ab\n☕𝄞\n', 'utf16le'))),
      cat(new Uint8Array([0xfe, 0xff]), new Uint8Array(Buffer.from('ab\n☕𝄞\n', 'utf16le').swap16())),
      utf8('\ufeffx\ny'),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...inputs), fc.array(fc.nat(3000), { maxLength: 8 }), (bytes, cuts) => {
        expect(feedInChunks(bytes, cuts).outcome).toEqual(decodeBytes(bytes));
      }),
      { seed: 1, numRuns: 300 },
    );
  });
});

describe('the byte importer (the import worker and goodhart import)', () => {
  it('a truncated gzip gives its one error and no rows, whatever was parsed before the cut', () => {
    const r = parseFileBytes('pairs.jsonl.gz', FLUSHED, { now: 0 });
    expect(r.issues).toEqual([
      {
        line: 51,
        severity: 'error',
        message: `truncated gzip file: the file ends before the end of its compressed stream (${TEXT.length} bytes of text read, up to line 51)`,
      },
    ]);
    expect(r.format).toBe('trl-jsonl');
    expect([
      r.validRows,
      r.totalRows,
      r.dataset.prompts.length,
      r.dataset.responses.length,
      r.comparisons.length,
    ]).toEqual([0, 0, 0, 0, 0]);
  });

  it('a multi-member gzip imports every row, exactly as the plain text does', () => {
    const streamed = createFileImporter('pairs.jsonl.gz', { now: 0 });
    const two = cat(gz(TEXT.slice(0, 1500)), gz(TEXT.slice(1500)));
    for (let i = 0; i < two.length; i += 100) expect(streamed.push(two.subarray(i, i + 100))).toBe(true);
    const r = streamed.finish();
    expect(r).toEqual(parseFile('pairs.jsonl.gz', TEXT, { now: 0 }));
    expect(r.validRows).toBe(50);
  });

  it('a Latin-1 file imports its accented text, with the encoding warning first', () => {
    const text = '{"prompt":"Où est le café ?","chosen":"Là.","rejected":"Ici."}\n';
    const r = parseFileBytes('fr.jsonl', new Uint8Array(Buffer.from(text, 'latin1')), { now: 0 });
    expect(r.issues[0]).toMatchObject({
      line: 1,
      severity: 'warning',
      message: expect.stringMatching(/^not UTF-8 \(byte 0xF9 at line 1\): read as Windows-1252/),
    });
    expect(r.dataset.prompts.map((p) => p.text)).toEqual(['Où est le café ?']);
    expect(r.validRows).toBe(1);
  });

  it('a UTF-8 BOM file gets the same records and ids as the file without it', () => {
    const bom = parseFileBytes('p.jsonl', new TextEncoder().encode('\ufeff' + TEXT), { now: 0 });
    expect(bom).toEqual(parseFile('p.jsonl', TEXT, { now: 0 }));
  });

  it('a refused file stops the reading: push returns false and later chunks are ignored', () => {
    const importer = createFileImporter('x.jsonl', { now: 0 });
    expect(importer.push(new Uint8Array(Buffer.from('{"a":1}', 'utf16le')))).toBe(false);
    expect(importer.push(new TextEncoder().encode(TEXT))).toBe(false);
    expect(importer.finish().issues).toHaveLength(1);
  });
});

describe('field names for the mapping form', () => {
  it('reads the first element of a JSON array, even in a file called .jsonl', () => {
    const array = JSON.stringify([{ question: 'q', answer_a: 'a', answer_b: 'b' }, { question: 'r' }]);
    expect(recordFields(array)).toEqual(['question', 'answer_a', 'answer_b']);
    expect(recordFields(JSON.stringify(JSON.parse(array), null, 2))).toEqual([
      'question',
      'answer_a',
      'answer_b',
    ]);
    // Cut off inside the first element (the first 64 KiB of a big file): the keys seen so far.
    expect(recordFields('[\n  {"question": "q", "answer_a": "a very long answer')).toEqual([
      'question',
      'answer_a',
    ]);
    expect(recordFields('[1, 2]')).toEqual([]);
    const r = parseFileBytes('rows.jsonl', new TextEncoder().encode(array), { now: 0 });
    expect(r.format).toBe('mapped-json');
  });

  it('reads JSONL keys and CSV headers as before', () => {
    expect(recordFields('\ufeff\n{"prompt":"p","chosen":"c"}\n{"x":1}')).toEqual(['prompt', 'chosen']);
    expect(recordFields('{"prompt":"p","chosen":"cut off')).toEqual(['prompt', 'chosen']);
    expect(recordFields('Question, Best Answer\nq,a')).toEqual(['Question', 'Best Answer']);
  });
});
