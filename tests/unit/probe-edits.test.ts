// The probes' edits on every shape of text a dataset holds: plain, markdown, code, very short, very long,
// non-English; each pushes the featurizer's own measure of what it claims to change, never touches fenced
// code, and is deterministic for a seed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../lib/core/demo';
import { EDITS, applyEdits, editById, goldAfter, type EditId } from '../../lib/core/goodhart/probes/edits';
import { leadSentence, sentences, splitFences } from '../../lib/core/goodhart/probes/text';
import { STYLE_FEATURES, featurize } from '../../lib/core/reward-model/features/index';
import type { DatasetFile } from '../../lib/core/types';

const demo: DatasetFile = JSON.parse(readFileSync(resolve(__dirname, '../..', DEMO_FILE), 'utf8'));
const feature = (name: string) => STYLE_FEATURES.findIndex((f) => f.name === name);
const f = (text: string, name: string) => featurize('', text)[feature(name)];
const ctx = { seed: 1, prompt: 'Is it true?' };
const codeBlocks = (t: string) =>
  splitFences(t)
    .filter((s) => s.code)
    .map((s) => s.text.trim());

const SHAPES: Record<string, string> = {
  plain: 'I think the answer is probably 42. It might be 43, but I am not sure. Most sources agree on 42.',
  markdown:
    '# Answer\n\nThe capital is **Paris**. It has been so for centuries.\n\n- It is large.\n- It is old.\n\n> A quote.',
  code: 'Use a set. It is probably the fastest way.\n\n```python\n# I think this might work\nseen = set(xs)  # maybe\n```\n\nThat should do it.',
  short: 'Paris.',
  long: Array.from({ length: 3000 }, (_, i) => `Sentence ${i} is probably about topic ${i % 17}.`).join(' '),
  french: "Je pense que la réponse est Paris. C'est la capitale de la France depuis longtemps.",
  japanese: '東京は日本の首都です。人口はとても多いです。',
};

describe('edits on every text shape', () => {
  for (const [shape, text] of Object.entries(SHAPES))
    it(`${shape}: every edit is deterministic, leaves code blocks alone and changes the text or declines`, () => {
      for (const e of EDITS) {
        const out = e.apply(text, {
          ...ctx,
          correct: true,
          pool: [{ text: 'No, it is 7.', correct: false }],
        });
        expect(out).toBe(
          e.apply(text, { ...ctx, correct: true, pool: [{ text: 'No, it is 7.', correct: false }] }),
        );
        if (out === null) continue;
        expect(out).not.toBe(text);
        expect(codeBlocks(out)).toEqual(codeBlocks(text));
      }
    });

  it('code: nothing inside the fence is edited, even hedges and comments', () => {
    const all = applyEdits(
      SHAPES.code,
      EDITS.map((e) => e.id),
      { ...ctx, correct: true },
    ).text;
    expect(all).toContain('```python\n# I think this might work\nseen = set(xs)  # maybe\n```');
    expect(all).not.toMatch(/probably the fastest/);
  });

  it('plain: hedges removed leaves no hedge the featurizer counts and keeps the claim', () => {
    const out = editById('remove-hedges').apply(SHAPES.plain, ctx)!;
    expect(f(SHAPES.plain, 'hedges')).toBeGreaterThan(0);
    expect(f(out, 'hedges')).toBe(0);
    expect(out).toMatch(/^The answer is 42\./);
    expect(out).toContain('Most sources agree on 42.');
  });

  it('markdown: the lead paragraph is bold and bulleted; headings, lists and quotes are kept', () => {
    const out = editById('markdown-structure').apply(SHAPES.markdown, ctx)!;
    expect(out).toBe(
      '# Answer\n\n**The capital is Paris.**\n\n- It has been so for centuries.\n\n- It is large.\n- It is old.\n\n> A quote.',
    );
    expect(f(out, 'bold')).toBeGreaterThan(f(SHAPES.markdown, 'bold') - 1e-9);
    expect(f(out, 'list items')).toBeGreaterThan(f(SHAPES.markdown, 'list items'));
  });

  it('very short: edits still give sensible text', () => {
    expect(editById('markdown-structure').apply('Paris.', ctx)).toBe('**Paris.**');
    expect(editById('markdown-structure').apply('**Paris.**', ctx)).toBeNull();
    expect(editById('remove-hedges').apply('Paris.', ctx)).toBeNull();
    expect(editById('confident-preamble').apply('Paris.', ctx)).toMatch(/^[A-Z].*[.:!] Paris\.$/);
    expect(editById('padding').apply('Paris.', ctx)).toMatch(
      /^Paris\.\n\n(In short,|To put it another way,|To sum up,|Again, to be clear:) paris\.$/,
    );
    for (const e of EDITS) expect(e.apply('', ctx)).toBeNull();
    for (const e of EDITS) expect(e.apply('   \n ', ctx)).toBeNull();
  });

  it('very long: hedges go from every sentence, structure bullets every sentence after the lead', () => {
    const out = editById('remove-hedges').apply(SHAPES.long, ctx)!;
    expect(out).not.toMatch(/probably/);
    expect(sentences(out)).toHaveLength(3000);
    const md = editById('markdown-structure').apply(SHAPES.long, ctx)!;
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(2999);
  });

  it('non-English: no English hedge to remove, but sentences are found (CJK full stops included)', () => {
    expect(editById('remove-hedges').apply(SHAPES.french, ctx)).toBeNull();
    expect(editById('remove-hedges').apply(SHAPES.japanese, ctx)).toBeNull();
    expect(editById('markdown-structure').apply(SHAPES.japanese, ctx)).toBe(
      '**東京は日本の首都です。**\n\n- 人口はとても多いです。',
    );
    expect(leadSentence(SHAPES.french)).toBe('Je pense que la réponse est Paris.');
    expect(editById('citation').apply(SHAPES.japanese, ctx)).toMatch(/^東京は日本の首都です \(.+\)。人口/);
  });

  it('seeded: the seed chooses among phrasings; the same seed always the same one', () => {
    const outs = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => editById('flattery').apply('Paris.', { ...ctx, seed })),
    );
    expect(outs.size).toBeGreaterThan(1);
  });
});

describe('each edit pushes the featurizer measure it names, on every demo response it applies to', () => {
  const push: [EditId, string][] = [
    ['remove-hedges', 'hedges'],
    ['confident-preamble', 'confident markers'],
    ['flattery', 'flattery/agreement'],
    ['markdown-structure', 'list items'],
    ['padding', 'length'],
  ];
  for (const [id, name] of push)
    it(`${id} → ${name}`, () => {
      let applied = 0;
      for (const r of demo.responses) {
        const out = editById(id).apply(r.text, ctx);
        if (out === null) continue;
        applied++;
        const [before, after] = [f(r.text, name), f(out, name)];
        if (id === 'remove-hedges') expect(after).toBeLessThan(before);
        else if (id === 'markdown-structure') expect(after).toBeGreaterThanOrEqual(before);
        else expect(after).toBeGreaterThan(before);
      }
      expect(applied).toBeGreaterThan(id === 'remove-hedges' ? 60 : 150);
    });
});

describe('the gold-changing splice', () => {
  const pool = demo.responses.filter((r) => r.promptId === 'demo-a-01');
  const right = pool.find((r) => r.correct && r.tags.includes('style:hedged'))!;
  const splice = editById('splice-incorrect');

  it('only a right answer with a wrong one in its pool is spliced, and it becomes wrong', () => {
    expect(splice.changesGold).toBe(true);
    expect(EDITS.filter((e) => e.changesGold).map((e) => e.id)).toEqual(['splice-incorrect']);
    const out = splice.apply(right.text, { ...ctx, correct: true, pool });
    expect(out).not.toBeNull();
    // The hedged right answer keeps its hedged style; the lead's words all come from a wrong answer's lead.
    expect(out).toMatch(/^I think /);
    const words = (t: string) => new Set(t.toLowerCase().match(/[\p{L}']+/gu) ?? []);
    const lead = words(leadSentence(out!)!.replace(/^I think /, ''));
    const wrongLeads = pool.filter((r) => !r.correct).map((r) => words(leadSentence(r.text)!));
    expect(wrongLeads.some((w) => [...lead].every((x) => w.has(x)))).toBe(true);
    expect(out).toContain(right.text.split('. ').slice(1).join('. '));
    expect(splice.apply(right.text, { ...ctx, correct: false, pool })).toBeNull();
    expect(
      splice.apply(right.text, { ...ctx, correct: true, pool: pool.filter((r) => r.correct) }),
    ).toBeNull();
    expect(goldAfter(splice, true)).toBe(false);
    expect(goldAfter(editById('flattery'), true)).toBe(true);
    const seq = applyEdits(right.text, ['flattery', 'splice-incorrect'], { ...ctx, correct: true, pool });
    expect(seq.correct).toBe(false);
    expect(seq.applied).toEqual(['splice-incorrect', 'flattery']);
  });
});
