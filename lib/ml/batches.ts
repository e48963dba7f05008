/**
 * Mini-batches that keep a prompt's rows together: the pairs of one prompt (in particular the C(K,2)
 * pairs expanded from one K-way ranking) share a batch, as InstructGPT trains on all of a prompt's
 * comparisons at once so they are not seen in separate, correlated steps. Pure and seeded: no TF.js here,
 * it lives next to the training loop that uses it.
 */
import { shuffle, type Rng } from '../core/stats/random';
import { pushAll } from '../core/stats/arrays';

/**
 * Row indices (0…promptKeys.length−1) cut into batches of at most `batchSize` rows for one epoch.
 * Rows with the same key form a group; the ORDER of the groups and the order inside each group are
 * shuffled with `rng`, the groups are laid out contiguously, and a group that would not fit in the
 * current batch starts a new one instead of being split. A group larger than `batchSize` is split into
 * ⌈size / batchSize⌉ pieces (its last piece may be joined by the groups that follow). Every row appears
 * in exactly one batch; the same `rng` state gives the same batches.
 */
export function groupedBatches(promptKeys: readonly string[], batchSize: number, rng: Rng): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  const byKey = new Map<string, number[]>();
  promptKeys.forEach((key, row) => {
    const g = byKey.get(key);
    if (g) g.push(row);
    else byKey.set(key, [row]);
  });
  const groups = shuffle(rng, [...byKey.values()]);
  const batches: number[][] = [];
  let cur: number[] = [];
  const flush = () => {
    if (cur.length) batches.push(cur);
    cur = [];
  };
  for (const g of groups) {
    shuffle(rng, g);
    if (g.length > batchSize) {
      flush();
      let s = 0;
      for (; s + batchSize <= g.length; s += batchSize) batches.push(g.slice(s, s + batchSize));
      cur = g.slice(s);
      continue;
    }
    if (cur.length + g.length > batchSize) flush();
    pushAll(cur, g);
  }
  flush();
  return batches;
}
