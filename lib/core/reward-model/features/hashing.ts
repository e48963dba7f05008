/**
 * The hashing trick behind the featurizer's word features: FNV-1a (32-bit, over UTF-8 bytes) of each
 * lowercase unigram `w` and bigram `w1 w2`, reduced to a bucket in [0, HASH_BUCKETS).
 */

/** Number of hash buckets for word unigrams and bigrams (2^12). */
export const HASH_BUCKETS = 4096;

/**
 * 32-bit FNV-1a of the UTF-8 bytes of `text` (offset basis 0x811c9dc5, prime 16777619), as an unsigned
 * integer. Reference values: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  const byte = (b: number) => {
    h ^= b;
    h = Math.imul(h, 16777619);
  };
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) byte(c);
    else if (c < 0x800) {
      byte(0xc0 | (c >> 6));
      byte(0x80 | (c & 63));
    } else if (c < 0x10000) {
      byte(0xe0 | (c >> 12));
      byte(0x80 | ((c >> 6) & 63));
      byte(0x80 | (c & 63));
    } else {
      byte(0xf0 | (c >> 18));
      byte(0x80 | ((c >> 12) & 63));
      byte(0x80 | ((c >> 6) & 63));
      byte(0x80 | (c & 63));
    }
  }
  return h >>> 0;
}

/** The bucket of a gram (`"word"` or `"word1 word2"`): fnv1a(gram) mod HASH_BUCKETS. */
export function gramBucket(gram: string): number {
  return fnv1a(gram) & (HASH_BUCKETS - 1);
}

/** The unigrams then bigrams of a token sequence, in order (bigrams joined by one space). */
export function grams(tokens: readonly string[]): string[] {
  const out = tokens.slice();
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}
