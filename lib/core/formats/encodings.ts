/**
 * The byte-level pieces of decode.ts's text-encoding detection: Windows-1252's table and decoder, the
 * UTF-8 checks (one sequence's validity, the first invalid or non-ASCII offset, a sequence cut off at a
 * chunk's end) and newline counting in bytes or text, for the line numbers of warnings and refusals.
 * Pure functions over the bytes given; nothing here throws.
 */

/** Windows-1252's characters for bytes 0x80–0x9F (the five undefined bytes map to C1 controls, as WHATWG's decoder does). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

/** `bytes` read as Windows-1252 (in slices, so no call spreads more than 8192 arguments). */
export function decodeCp1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const units = new Uint16Array(Math.min(bytes.length, 8192));
  for (let start = 0; start < bytes.length; start += units.length) {
    const n = Math.min(units.length, bytes.length - start);
    for (let i = 0; i < n; i++) {
      const b = bytes[start + i];
      units[i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
    }
    parts.push(String.fromCharCode(...units.subarray(0, n)));
  }
  return parts.join('');
}

/** Length of the UTF-8 sequence led by `b` (0 if `b` cannot lead one). */
function seqLength(b: number): number {
  return b < 0x80
    ? 1
    : b >= 0xc2 && b <= 0xdf
      ? 2
      : b >= 0xe0 && b <= 0xef
        ? 3
        : b >= 0xf0 && b <= 0xf4
          ? 4
          : 0;
}

/** Whether `bytes[i..]` is one complete, valid multi-byte UTF-8 sequence (no overlong form, surrogate or > U+10FFFF). */
function validSequenceAt(bytes: Uint8Array, i: number): boolean {
  const b = bytes[i];
  const n = seqLength(b);
  if (n < 2 || i + n > bytes.length) return false;
  const b1 = bytes[i + 1];
  const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  if (b1 < lo || b1 > hi) return false;
  for (let k = 2; k < n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return false;
  return true;
}

/** Bytes at the end of `bytes` that start a multi-byte sequence not yet complete (0–3). */
export function incompleteTail(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k];
    if ((b & 0xc0) === 0x80) continue;
    return b >= 0xc0 && Math.max(seqLength(b), 2) > k ? k : 0;
  }
  return 0;
}

/** The first offset in `bytes` (from a sequence boundary) where UTF-8 is not valid, and the first non-ASCII offset. */
export function scanUtf8(bytes: Uint8Array): { invalid: number; nonAscii: number } {
  let nonAscii = -1;
  for (let i = 0; i < bytes.length;) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    if (nonAscii < 0) nonAscii = i;
    if (!validSequenceAt(bytes, i)) return { invalid: i, nonAscii };
    i += seqLength(bytes[i]);
  }
  return { invalid: -1, nonAscii };
}

/** The first offset of a valid multi-byte UTF-8 sequence in `bytes`, or -1. */
export function firstUtf8Sequence(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0xc2 && validSequenceAt(bytes, i)) return i;
  return -1;
}

/** Newlines in `text`. */
export function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Newline bytes in `bytes` before offset `end`. */
export function newlinesBefore(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/** A byte as it appears in a message: `0xE9`. */
export const byteHex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
