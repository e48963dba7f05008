// The built-in demo pack: shape (48+ prompts, 4+ categories, the 2x2 of correctness x style on every
// prompt), schema validity, style contrast the viewer depends on, and the combined file being up to date.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoFromParts, DEMO_FILE, type DemoPart } from '../../lib/core/demo';
import { datasetFileSchema } from '../../lib/core/formats/schemas';
import { tagValue, type DatasetFile } from '../../lib/core/types';

const root = resolve(__dirname, '../..');
const partsDir = resolve(root, 'public/demo/parts');
const parts: DemoPart[] = readdirSync(partsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(resolve(partsDir, f), 'utf8')));
const shipped: DatasetFile = JSON.parse(readFileSync(resolve(root, DEMO_FILE), 'utf8'));
const words = (t: string) => t.split(/\s+/).filter(Boolean).length;

describe('demo pack', () => {
  it('is the combination of the authored parts (run `node scripts/build-demo.mjs` after editing a part)', () => {
    expect(shipped).toEqual(demoFromParts(parts));
  });

  it('validates against the dataset-file schema', () => {
    expect(datasetFileSchema.safeParse(shipped).success).toBe(true);
  });

  it('has at least 48 prompts in at least 4 categories, unique ids', () => {
    expect(shipped.prompts.length).toBeGreaterThanOrEqual(48);
    expect(new Set(shipped.prompts.map((p) => p.category)).size).toBeGreaterThanOrEqual(4);
    const ids = [...shipped.prompts.map((p) => p.id), ...shipped.responses.map((r) => r.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(shipped.prompts.map((p) => p.text.trim().toLowerCase())).size).toBe(
      shipped.prompts.length,
    );
  });

  it('covers {correct, incorrect} x {fluent, hedged} on every prompt, every response gold-labelled and tagged', () => {
    for (const p of shipped.prompts) {
      const rs = shipped.responses.filter((r) => r.promptId === p.id);
      expect(rs.length, p.id).toBeGreaterThanOrEqual(4);
      const cells = new Set(rs.map((r) => `${r.correct}:${tagValue(r.tags, 'style')}`));
      for (const cell of ['true:fluent', 'true:hedged', 'false:fluent', 'false:hedged']) {
        expect(cells.has(cell), `${p.id} lacks ${cell}`).toBe(true);
      }
      for (const r of rs) {
        expect(typeof r.correct, r.id).toBe('boolean');
        expect(['fluent', 'hedged']).toContain(tagValue(r.tags, 'style'));
      }
    }
  });

  it('makes the wrong-and-fluent answers the most polished: longest, structured, never hedging', () => {
    const kind = (correct: boolean, style: string) =>
      shipped.responses.filter((r) => r.correct === correct && tagValue(r.tags, 'style') === style);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const len = (c: boolean, s: string) => mean(kind(c, s).map((r) => words(r.text)));
    expect(len(false, 'fluent')).toBeGreaterThan(len(true, 'fluent'));
    expect(len(true, 'fluent')).toBeGreaterThan(len(true, 'hedged'));
    const structured = kind(false, 'fluent').filter((r) => /^\s*([-*]|\d+\.)\s/m.test(r.text)).length;
    expect(structured / kind(false, 'fluent').length).toBeGreaterThan(0.8);
    const hedges =
      /\b(I think|I'm not sure|I am not sure|might|probably|I believe|not completely sure|if I remember)\b/i;
    expect(kind(false, 'fluent').filter((r) => hedges.test(r.text))).toEqual([]);
    expect(kind(true, 'hedged').filter((r) => hedges.test(r.text)).length).toBe(kind(true, 'hedged').length);
  });
});
