// Seeded HH-RLHF-style JSONL for bench:import: `{"chosen": "\n\nHuman: …\n\nAssistant: …", "rejected": …}` per
// line, distinct prompts, 1–4 turns, text lengths near the shared hh-rlhf-harmless-test file (≈ 650–700
// characters per side on average). Written to a temp file once per (pairs, seed) and reused.
import { createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32, randInt } from '../../lib/core/stats/random';

const WORDS = (
  'the a to and of you it is that in for what can i do how my with be are this have not on your about ' +
  'would like some people think know if they get want could should just there more help one make good ' +
  'really because time way friend dog money house car work school food water night question answer ' +
  'maybe sure sorry understand different important always never something anything everything nothing ' +
  'please thanks idea reason problem person family story law police doctor advice safe dangerous legal'
).split(' ');

function sentence(rng: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[randInt(rng, 0, WORDS.length - 1)]);
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + (rng() < 0.3 ? '?' : '.');
}

function turn(rng: () => number, minWords: number, maxWords: number): string {
  const parts: string[] = [];
  let words = randInt(rng, minWords, maxWords);
  while (words > 0) {
    const n = Math.min(words, randInt(rng, 6, 17));
    parts.push(sentence(rng, n));
    words -= n;
  }
  return parts.join(' ');
}

/** One HH-RLHF record; prompt `i` is made unique by a numbered detail in its first human turn. */
export function hhRecord(rng: () => number, i: number): { chosen: string; rejected: string } {
  const turns = randInt(rng, 1, 4);
  let prefix = '';
  for (let t = 0; t < turns; t++) {
    const human = t === 0 ? `Question ${i}: ${turn(rng, 6, 30)}` : turn(rng, 3, 25);
    prefix += `\n\nHuman: ${human}`;
    if (t < turns - 1) prefix += `\n\nAssistant: ${turn(rng, 8, 45)}`;
  }
  prefix += '\n\nAssistant:';
  return { chosen: `${prefix} ${turn(rng, 6, 55)}`, rejected: `${prefix} ${turn(rng, 6, 60)}` };
}

/** Writes (or reuses) `pairs` records to a temp .jsonl file; returns its path and size in bytes. */
export async function hhBenchFile(pairs: number, seed = 1): Promise<{ path: string; bytes: number }> {
  const path = join(tmpdir(), `goodhart-bench-hh-${pairs}-${seed}.jsonl`);
  if (!existsSync(path)) {
    const rng = mulberry32(seed);
    const tmp = `${path}.${process.pid}.tmp`;
    const out = createWriteStream(tmp);
    let buf = '';
    for (let i = 0; i < pairs; i++) {
      buf += JSON.stringify(hhRecord(rng, i)) + '\n';
      if (buf.length > 1 << 20 || i === pairs - 1) {
        if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
        buf = '';
      }
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    renameSync(tmp, path);
  }
  return { path, bytes: statSync(path).size };
}
