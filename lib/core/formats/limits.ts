/**
 * The size limits on one imported file, for the decoder, the parsers and every CLI command alike (see
 * the README's Limits): at most MAX_TEXT_BYTES of text after decompression (decode.ts enforces it while
 * streaming), and at most MAX_RECORD_CHARS in one JSONL line or CSV record (jsonl.ts, csv.ts).
 */

/**
 * The most bytes of text one file may hold after decompression (500 MiB): enough for the 160,000-pair
 * benchmark file (220 MiB), and below V8's longest string, so every command can hold the whole text.
 */
export const MAX_TEXT_BYTES = 500 * 1024 * 1024;

/**
 * The longest one record may be, in characters (16 Mi): a JSONL line or a CSV record. Far above any real
 * row (the 5 MB response of the robustness tests fits three times), and small enough that one record's
 * parse never holds the page or the CLI for long. A longer JSONL line is an error on its line and skipped;
 * a CSV record that runs past it (typically an unclosed quote) stops the reading there.
 */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** The message for a record over {@link MAX_RECORD_CHARS}. */
export function recordTooLong(what: 'line' | 'record', chars: number): string {
  const mib = (chars / 1024 / 1024).toFixed(1);
  return `${what} is longer than 16 MiB (${mib} MiB read so far; the limit for one ${what})`;
}
