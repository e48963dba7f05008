// Draws the app icons (a target with an off-centre hit: the measure is hit, the goal is not) into
// public/icons as PNG and SVG, using only Node's built-in modules. Run once after changing the design:
//   node scripts/make-icons.mjs
// The PNGs are committed; the build does not run this script.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/** Background and ink colours (RGBA). Blue matches the active nav link; amber is the off-centre hit. */
export const COLOURS = {
  background: [29, 78, 216, 255], // #1d4ed8
  ink: [255, 255, 255, 255],
  hit: [245, 158, 11, 255], // #f59e0b
};

/**
 * The glyph in unit coordinates (0..1, y down), centred on (0.5, 0.5). Every shape lies within 0.34 of
 * the centre, inside the 0.4 safe zone of a maskable icon.
 */
export const GLYPH = {
  rings: [
    { r: 0.3, width: 0.05 },
    { r: 0.18, width: 0.05 },
  ],
  bullseye: { r: 0.065 },
  hit: { cx: 0.5 + 0.17, cy: 0.5 - 0.17, r: 0.06 },
};

/** Corner radius of the rounded-square background of the regular ("any") icon, in unit coordinates. */
export const CORNER = 0.22;

/**
 * Which colour covers the unit-square point (x, y), or null for transparent.
 * @param {number} x
 * @param {number} y
 * @param {boolean} maskable full-bleed background (no rounded corners, no transparency)
 * @returns {number[] | null}
 */
export function colourAt(x, y, maskable) {
  if (!maskable && !insideRoundedSquare(x, y, CORNER)) return null;
  const { hit, bullseye, rings } = GLYPH;
  if (Math.hypot(x - hit.cx, y - hit.cy) <= hit.r) return COLOURS.hit;
  const d = Math.hypot(x - 0.5, y - 0.5);
  if (d <= bullseye.r) return COLOURS.ink;
  for (const ring of rings) if (Math.abs(d - ring.r) <= ring.width / 2) return COLOURS.ink;
  return COLOURS.background;
}

function insideRoundedSquare(x, y, radius) {
  if (x < 0 || x > 1 || y < 0 || y > 1) return false;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

/**
 * Renders the icon to straight (non-premultiplied) RGBA pixels with 4×4 supersampling.
 * @param {number} size width and height in pixels
 * @param {boolean} maskable
 * @returns {Uint8Array} size*size*4 bytes, rows top to bottom
 */
export function renderIcon(size, maskable) {
  const n = 4;
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, maskable);
          if (!c) continue;
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round(a / (n * n));
    }
  }
  return out;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encodes RGBA pixels as a PNG (8-bit RGBA, no interlace, filter type 0 on every row).
 * @param {Uint8Array} rgba
 * @param {number} width
 * @param {number} height
 * @returns {Buffer}
 */
export function encodePng(rgba, width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (1 + width * 4) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The same design as SVG (for browsers that take a scalable icon).
 * @param {boolean} maskable
 * @returns {string}
 */
export function iconSvg(maskable) {
  const hex = (c) =>
    `#${c
      .slice(0, 3)
      .map((v) => v.toString(16).padStart(2, '0'))
      .join('')}`;
  const s = 512;
  const bg = maskable
    ? `<rect width="${s}" height="${s}" fill="${hex(COLOURS.background)}"/>`
    : `<rect width="${s}" height="${s}" rx="${CORNER * s}" fill="${hex(COLOURS.background)}"/>`;
  const rings = GLYPH.rings
    .map(
      (r) =>
        `<circle cx="256" cy="256" r="${r.r * s}" fill="none" stroke="${hex(COLOURS.ink)}" stroke-width="${r.width * s}"/>`,
    )
    .join('');
  const { hit, bullseye } = GLYPH;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${s} ${s}" width="${s}" height="${s}">` +
    `<title>Goodhart Lab</title>${bg}${rings}` +
    `<circle cx="256" cy="256" r="${bullseye.r * s}" fill="${hex(COLOURS.ink)}"/>` +
    `<circle cx="${hit.cx * s}" cy="${hit.cy * s}" r="${hit.r * s}" fill="${hex(COLOURS.hit)}"/>` +
    `</svg>\n`
  );
}

/** The files written to public/icons: name, pixel size (0 for SVG), maskable. */
export const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon-180.png', size: 180, maskable: true },
  { file: 'icon.svg', size: 0, maskable: false },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join('public', 'icons');
  mkdirSync(dir, { recursive: true });
  for (const icon of ICONS) {
    const data =
      icon.size === 0
        ? iconSvg(icon.maskable)
        : encodePng(renderIcon(icon.size, icon.maskable), icon.size, icon.size);
    writeFileSync(join(dir, icon.file), data);
    console.log(`[goodhart] wrote ${join(dir, icon.file)}`);
  }
}
