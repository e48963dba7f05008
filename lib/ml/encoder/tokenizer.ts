/**
 * The Universal Sentence Encoder lite tokenizer: SentencePiece unigram segmentation by Viterbi over the
 * packaged `vocab.json` (pairs [piece, log-probability]; id = position). A port of the tokenizer of
 * @tensorflow-models/universal-sentence-encoder (Apache-2.0), whose package fetches its weights from the
 * internet and so is not used; ties and unknown characters are resolved exactly as there, so the ids
 * are the ones the model was exported with. Then the lab's own rule (ENCODER_SPEC.tokenizer): a text
 * with no pieces becomes one unknown piece, and at most ENCODER_SPEC.maxTokens pieces are kept.
 * Pure TypeScript (no TF.js): runs in Node and in a worker.
 */
import { ENCODER_SPEC } from '../../core/reward-model/encoder-spec';

/** The packaged vocabulary: [piece, score] by id. */
export type Vocabulary = readonly (readonly [string, number])[];

/** U+2581 LOWER ONE EIGHTH BLOCK: SentencePiece's word-boundary mark. */
const SEPARATOR = '\u2581';
/** Ids below this are unk, control and user-defined symbols, never matched in text. */
const RESERVED = 6;
/** The unknown piece's id. */
export const UNK = 0;

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Id and score when a piece ends here. */
  id: number;
  score: number;
}

const node = (): TrieNode => ({ children: new Map(), id: -1, score: 0 });

/** NFKC, a boundary mark at the start and in place of every space (not other whitespace, as upstream). */
export function normalizeInput(text: string): string {
  const n = text.normalize('NFKC');
  return n.length > 0 ? SEPARATOR + n.replace(/ /g, SEPARATOR) : n;
}

/** Segments text into vocabulary ids. Build once per vocabulary: the trie costs ~10 ms. */
export class Tokenizer {
  private readonly root = node();
  /** UTF-16 length of each piece: upstream's backward pass steps back by it (see {@link segment}). */
  private readonly stride: Int32Array;

  constructor(vocabulary: Vocabulary) {
    this.stride = Int32Array.from(vocabulary, ([piece]) => piece.length);
    for (let id = RESERVED; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id];
      let at = this.root;
      for (const ch of piece) {
        let next = at.children.get(ch);
        if (!next) at.children.set(ch, (next = node()));
        at = next;
      }
      at.id = id;
      at.score = score;
    }
  }

  /** The upstream segmentation of `text`: best-scoring pieces, consecutive unknowns merged into one. */
  segment(text: string): number[] {
    const symbols = Array.from(normalizeInput(text));
    const n = symbols.length;
    // Candidates ending at each position, pushed by ascending start (upstream iterates them so).
    const ending: { start: number; id: number; score: number }[][] = Array.from({ length: n + 1 }, () => []);
    for (let i = 0; i < n; i++) {
      let at = this.root.children.get(symbols[i]);
      let matched = false;
      for (let j = i; j < n && at; j++) {
        if (at.id >= 0) {
          ending[j + 1].push({ start: i, id: at.id, score: at.score });
          matched = true;
        }
        at = j + 1 < n ? at.children.get(symbols[j + 1]) : undefined;
      }
      // No piece starts here: the character alone, as the unknown piece with score 0.
      if (!matched) ending[i + 1].push({ start: i, id: UNK, score: 0 });
    }
    const best = new Float64Array(n + 1);
    const word = new Int32Array(n + 1);
    for (let end = 0; end <= n; end++)
      for (const c of ending[end]) {
        const score = c.score + best[c.start];
        // Upstream treats a best score of exactly 0 as "none yet", and later candidates win ties.
        if (best[end] === 0 || score >= best[end]) {
          best[end] = score;
          word[end] = c.id;
        }
      }
    // Upstream steps back by the chosen piece's UTF-16 length (the unknown piece's is 1), not by its
    // length in characters: the same for every piece without astral characters, and kept so for the rest.
    const ids: number[] = [];
    for (let at = n; at > 0; at -= this.stride[word[at]]) ids.push(word[at]);
    const merged: number[] = [];
    let previousUnk = false;
    for (const id of ids) {
      if (!(previousUnk && id === UNK)) merged.push(id);
      previousUnk = id === UNK;
    }
    return merged.reverse();
  }

  /** The ids the encoder is fed (ENCODER_SPEC.tokenizer): {@link segment}, never empty, capped. */
  encode(text: string): number[] {
    const ids = this.segment(text);
    if (ids.length === 0) return [UNK];
    return ids.length > ENCODER_SPEC.maxTokens ? ids.slice(0, ENCODER_SPEC.maxTokens) : ids;
  }
}
