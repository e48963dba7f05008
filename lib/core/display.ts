/**
 * Showing user-supplied text safely and at a bounded size: names (annotators, datasets, runs) lose their
 * bidi embedding, override and isolate controls, so "\u202Egnp.exe" reads as typed ("gnp.exe"), never as
 * "exe.png", and cannot reverse the text around it; long names are shortened with an ellipsis; very long
 * texts are shown in part first. Pure: the components in components/ui use it, and it runs in Node for tests.
 */

/** Bidi controls that reorder text: LRE, RLE, PDF, LRO, RLO (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `text` without bidi embedding, override and isolate controls (marks such as U+200F stay: they reorder nothing). */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Longest name shown in full in text-only places (select options, messages); longer ones end in "…". */
export const NAME_DISPLAY_CHARS = 48;

/** A name for display: bidi controls removed, at most `max` characters (code points), "…" when shortened. */
export function displayName(name: string, max = NAME_DISPLAY_CHARS): string {
  const clean = stripBidiControls(name);
  if (clean.length <= max) return clean;
  const chars = Array.from(clean);
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * A name for plain-text places that cannot hold an element (an `<option>`, a confirm dialog): the display
 * name wrapped in a first-strong isolate (U+2068 … U+2069), so a right-to-left name never reorders the
 * text after it (a count, a date).
 */
export function isolatedName(name: string, max = NAME_DISPLAY_CHARS): string {
  return `\u2068${displayName(name, max)}\u2069`;
}

/** Characters of a text rendered (as Markdown) before "Show all"; the rest is rendered on request. */
export const LONG_TEXT_PREVIEW_CHARS = 20_000;

/**
 * Where to cut `text` for a preview of at most `max` characters: at the last line break in the final fifth
 * of the window if there is one (so a paragraph or code line is not split mid-way), else at `max`, never
 * inside a surrogate pair. Returns `text.length` when the whole text fits.
 */
export function previewCut(text: string, max = LONG_TEXT_PREVIEW_CHARS): number {
  if (text.length <= max) return text.length;
  const nl = text.lastIndexOf('\n', max);
  if (nl >= Math.floor(max * 0.8)) return nl + 1;
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** The UTF-8 size of `text` in bytes, without allocating an encoded copy. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
