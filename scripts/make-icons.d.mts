// Types for scripts/make-icons.mjs, so TypeScript tests can import it.
/** Background, ink and hit colours (RGBA). */
export const COLOURS: { background: number[]; ink: number[]; hit: number[] };
/** The glyph in unit coordinates. */
export const GLYPH: {
  rings: { r: number; width: number }[];
  bullseye: { r: number };
  hit: { cx: number; cy: number; r: number };
};
/** Corner radius of the regular icon's rounded square. */
export const CORNER: number;
/** Which colour covers the unit-square point, or null for transparent. */
export function colourAt(x: number, y: number, maskable: boolean): number[] | null;
/** RGBA pixels of the icon at `size`. */
export function renderIcon(size: number, maskable: boolean): Uint8Array;
/** PNG bytes of RGBA pixels. */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer;
/** The icon as SVG text. */
export function iconSvg(maskable: boolean): string;
/** The files written to public/icons. */
export const ICONS: { file: string; size: number; maskable: boolean }[];
