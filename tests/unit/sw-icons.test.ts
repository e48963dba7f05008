// The committed app icons: valid PNGs by the spec (signature, chunk CRCs, IHDR, one filter byte per row),
// the sizes the manifest declares, and the design where it matters (transparent rounded corners on the
// regular icon, a full-bleed maskable icon whose glyph stays inside the 80 % safe zone).
import { readFileSync } from 'node:fs';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COLOURS, ICONS, encodePng, renderIcon } from '../../scripts/make-icons.mjs';

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** RGBA, rows top to bottom (filter bytes removed). */
  pixels: Uint8Array;
  filters: number[];
  chunkTypes: string[];
}

/** A strict decoder for the subset we write: checks every CRC and the layout of the data. */
function decodePng(buf: Buffer): Png {
  expect([...buf.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  let off = 8;
  const idat: Buffer[] = [];
  const chunkTypes: string[] = [];
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colourType = 0;
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    const crc = buf.readUInt32BE(off + 8 + len);
    expect(crc, `CRC of ${type}`).toBe(crc32(buf.subarray(off + 4, off + 8 + len)) >>> 0);
    chunkTypes.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colourType = data[9];
      expect([data[10], data[11], data[12]]).toEqual([0, 0, 0]); // compression, filter, interlace
    }
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = 1 + width * 4;
  expect(raw.length).toBe(height * stride);
  const pixels = new Uint8Array(width * height * 4);
  const filters: number[] = [];
  for (let y = 0; y < height; y++) {
    filters.push(raw[y * stride]);
    pixels.set(raw.subarray(y * stride + 1, (y + 1) * stride), y * width * 4);
  }
  return { width, height, bitDepth, colourType, pixels, filters, chunkTypes };
}

function pixel(png: Png, x: number, y: number): number[] {
  const i = (y * png.width + x) * 4;
  return [...png.pixels.subarray(i, i + 4)];
}

const read = (file: string) => readFileSync(`public/icons/${file}`);

describe('PNG encoding', () => {
  it('uses the standard CRC-32 (the IEND chunk of every PNG ends in AE 42 60 82)', () => {
    expect(crc32(Buffer.from('IEND', 'ascii')) >>> 0).toBe(0xae426082);
  });

  it('round-trips a hand-written 2×1 image: one red and one half-transparent blue pixel', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 0, 255, 128]);
    const png = decodePng(encodePng(rgba, 2, 1));
    expect(png).toMatchObject({ width: 2, height: 1, bitDepth: 8, colourType: 6 });
    expect(png.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([...png.pixels]).toEqual([255, 0, 0, 255, 0, 0, 255, 128]);
  });
});

describe.each(ICONS.filter((i) => i.size > 0))('$file', ({ file, size, maskable }) => {
  const png = decodePng(read(file));

  it(`is a ${size}×${size} 8-bit RGBA PNG with no filtering`, () => {
    expect(png).toMatchObject({ width: size, height: size, bitDepth: 8, colourType: 6 });
    expect(new Set(png.filters)).toEqual(new Set([0]));
  });

  it('is what scripts/make-icons.mjs draws today (the committed file is not stale)', () => {
    expect(Buffer.compare(read(file), encodePng(renderIcon(size, maskable), size, size))).toBe(0);
  });

  it('has the bullseye white and the ring gap in the background colour', () => {
    const c = Math.floor(size / 2);
    expect(pixel(png, c, c)).toEqual([255, 255, 255, 255]);
    // Halfway between the inner ring (outer edge 0.205) and the outer ring (inner edge 0.275).
    expect(pixel(png, c, Math.round(size * (0.5 + 0.24)))).toEqual(COLOURS.background);
  });

  if (maskable) {
    it('fills the whole square and keeps everything but background inside the 40 % safe-zone circle', () => {
      for (const [x, y] of [
        [0, 0],
        [size - 1, 0],
        [0, size - 1],
        [size - 1, size - 1],
      ])
        expect(pixel(png, x, y)).toEqual(COLOURS.background);
      let outside = 0;
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++) {
          const d = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2);
          if (d <= 0.4 * size) continue;
          outside++;
          expect(pixel(png, x, y)).toEqual(COLOURS.background);
        }
      expect(outside).toBeGreaterThan(size * size * 0.45); // 1 − π·0.4² ≈ 0.497 of the square
    });
  } else {
    it('has transparent rounded corners and an opaque edge midpoint', () => {
      expect(pixel(png, 0, 0)[3]).toBe(0);
      expect(pixel(png, size - 1, size - 1)[3]).toBe(0);
      expect(pixel(png, Math.floor(size / 2), 0)).toEqual(COLOURS.background);
    });
  }
});

describe('icon.svg', () => {
  it('is an SVG with a title and the same colours as the PNGs', () => {
    const svg = read('icon.svg').toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('<title>Goodhart Lab</title>');
    expect(svg).toContain('#1d4ed8');
    expect(svg).toContain('#f59e0b');
  });
});
