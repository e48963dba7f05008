// TRL preference JSONL in the conversational form (message lists, with or without `prompt`): imported
// through the same TRL path as the standard form, with hand-worked prompt and reply texts, every kind of
// malformed row reported with its line and field, and detection.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../lib/core/formats/detect';
import { parsePairsText, splitHhTranscripts } from '../../lib/core/formats/pairs';
import { parseFile } from '../../lib/core/formats/parse';
import type { ImportResult } from '../../lib/core/formats/result';

const jsonl = (...rows: unknown[]) =>
  rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const user = (content: string) => ({ role: 'user', content });
const assistant = (content: string) => ({ role: 'assistant', content });
const system = (content: string) => ({ role: 'system', content });

/** Each comparison as texts: prompt, chosen (left), rejected (right), outcome and strength. */
function pairs(r: ImportResult) {
  const prompt = new Map(r.dataset.prompts.map((p) => [p.id, p.text]));
  const response = new Map(r.dataset.responses.map((x) => [x.id, x.text]));
  return r.comparisons.map((c) => ({
    prompt: prompt.get(c.promptId),
    chosen: response.get(c.aId),
    rejected: response.get(c.bId),
    outcome: c.outcome,
    strength: c.strength,
  }));
}

const issues = (r: ImportResult) => r.issues.map(({ line, field, severity }) => ({ line, field, severity }));

describe('TRL conversational import', () => {
  it('still imports the standard form', () => {
    const r = parseFile(
      'std.jsonl',
      jsonl({ prompt: 'The sky is', chosen: ' blue.', rejected: ' green.', margin: 1.5 }),
      { now: 0 },
    );
    expect(r.format).toBe('trl-jsonl');
    expect(r.issues).toEqual([]);
    expect(pairs(r)).toEqual([
      { prompt: 'The sky is', chosen: ' blue.', rejected: ' green.', outcome: 'a', strength: 2 },
    ]);
  });

  it('imports the explicit conversational form: a lone user message is the prompt as is', () => {
    const r = parseFile(
      'conv.jsonl',
      jsonl(
        {
          prompt: [user('What color is the sky?')],
          chosen: [assistant('It is blue.')],
          rejected: [assistant('It is green.')],
        },
        {
          prompt: [system('Be brief.'), user('Capital of France?')],
          chosen: [assistant('Paris.'), assistant('Since 987.')],
          rejected: [assistant('Lyon.')],
          margin: 3,
        },
      ),
      { now: 0 },
    );
    expect(r.format).toBe('trl-jsonl');
    expect(r.issues).toEqual([]);
    expect([r.validRows, r.totalRows]).toEqual([2, 2]);
    expect(pairs(r)).toEqual([
      {
        prompt: 'What color is the sky?',
        chosen: 'It is blue.',
        rejected: 'It is green.',
        outcome: 'a',
        strength: undefined,
      },
      {
        prompt: '\n\nSystem: Be brief.\n\nHuman: Capital of France?\n\nAssistant:',
        chosen: 'Paris.\n\nSince 987.',
        rejected: 'Lyon.',
        outcome: 'a',
        strength: 3,
      },
    ]);
  });

  it('imports the implicit conversational form: the shared messages before the final turn are the prompt', () => {
    const head = [system('You are terse.'), user('Hi'), assistant('Hello.'), user('Tell me a joke')];
    const r = parseFile(
      'implicit.jsonl',
      jsonl({
        chosen: [...head, assistant('Knock knock.')],
        rejected: [...head, assistant('No.'), assistant('Go away.')],
      }),
      { now: 0 },
    );
    expect(r.format).toBe('trl-jsonl');
    expect(r.issues).toEqual([]);
    expect(pairs(r)).toEqual([
      {
        prompt:
          '\n\nSystem: You are terse.\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: Tell me a joke\n\nAssistant:',
        chosen: 'Knock knock.',
        rejected: 'No.\n\nGo away.',
        outcome: 'a',
        strength: undefined,
      },
    ]);
  });

  it('gives the same texts as the standard form for a single turn, and as HH-RLHF for several', () => {
    const std = parseFile(
      'a.jsonl',
      jsonl({ prompt: 'What color is the sky?', chosen: 'It is blue.', rejected: 'It is green.' }),
      { now: 0 },
    );
    const explicit = parseFile(
      'a.jsonl',
      jsonl({
        prompt: [user('What color is the sky?')],
        chosen: [assistant('It is blue.')],
        rejected: [assistant('It is green.')],
      }),
      { now: 0 },
    );
    const implicit = parseFile(
      'a.jsonl',
      jsonl({
        chosen: [user('What color is the sky?'), assistant('It is blue.')],
        rejected: [user('What color is the sky?'), assistant('It is green.')],
      }),
      { now: 0 },
    );
    expect(pairs(explicit)).toEqual(pairs(std));
    expect(pairs(implicit)).toEqual(pairs(std));
    expect(explicit.dataset.prompts.map((p) => p.text)).toEqual(std.dataset.prompts.map((p) => p.text));
    expect(explicit.dataset.responses.map((x) => x.text)).toEqual(std.dataset.responses.map((x) => x.text));

    const hh = '\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: A joke?\n\nAssistant:';
    const conv = parseFile(
      'b.jsonl',
      jsonl({
        chosen: [user('Hi'), assistant('Hello.'), user('A joke?'), assistant('Knock knock.')],
        rejected: [user('Hi'), assistant('Hello.'), user('A joke?'), assistant('No.')],
      }),
      { now: 0 },
    );
    expect(pairs(conv)[0]).toMatchObject(splitHhTranscripts(`${hh} Knock knock.`, `${hh} No.`) ?? {});
  });

  it('reports each malformed row with its line and field, and imports only the good rows', () => {
    const good = {
      prompt: [user('q')],
      chosen: [assistant('good')],
      rejected: [assistant('bad')],
    };
    const r = parseFile(
      'bad.jsonl',
      jsonl(
        good,
        { prompt: [user('q')], chosen: [{ content: 'x' }], rejected: [assistant('y')] },
        { prompt: [user('q')], chosen: [assistant('x')], rejected: [{ role: 'assistant', content: 3 }] },
        { prompt: [user('q')], chosen: [], rejected: [assistant('y')] },
        { prompt: [], chosen: [assistant('x')], rejected: [assistant('y')] },
        { prompt: [user('q')], chosen: [user('x'), assistant('x')], rejected: [assistant('y')] },
        { prompt: [user('q')], chosen: 'x', rejected: [assistant('y')] },
        { chosen: [user('a'), assistant('x')], rejected: [user('b'), assistant('y')] },
        { chosen: [user('a'), user('x')], rejected: [user('a'), assistant('y')] },
        { chosen: [assistant('x')], rejected: [assistant('y')] },
        {
          chosen: [user('a'), assistant('x')],
          rejected: [user('a'), assistant('h'), user('b'), assistant('y')],
        },
        { prompt: [user('q')], chosen: [assistant('x')], rejected: [{ role: '', content: 'y' }] },
      ),
      { now: 0 },
    );
    expect(issues(r)).toEqual([
      { line: 2, field: 'chosen.0.role', severity: 'error' },
      { line: 3, field: 'rejected.0.content', severity: 'error' },
      { line: 4, field: 'chosen', severity: 'error' },
      { line: 5, field: 'prompt', severity: 'error' },
      { line: 6, field: 'chosen.0.role', severity: 'error' },
      { line: 7, field: 'chosen', severity: 'error' },
      { line: 8, field: 'rejected.0', severity: 'error' },
      { line: 9, field: 'chosen.1.role', severity: 'error' },
      { line: 10, field: 'chosen', severity: 'error' },
      { line: 10, field: 'rejected', severity: 'error' },
      { line: 11, field: 'rejected.1', severity: 'error' },
      { line: 12, field: 'rejected.0.role', severity: 'error' },
    ]);
    expect(r.issues[0].message).toBe('missing "role"');
    expect(r.issues.find((i) => i.line === 8)?.message).toContain('must share the prompt');
    expect([r.validRows, r.totalRows]).toEqual([1, 12]);
    expect(pairs(r)).toEqual([
      { prompt: 'q', chosen: 'good', rejected: 'bad', outcome: 'a', strength: undefined },
    ]);
    expect(r.dataset.prompts.map((p) => p.text)).toEqual(['q']);
    expect(r.dataset.responses.map((x) => x.text)).toEqual(['good', 'bad']);
  });

  it('warns, and compares nothing, when chosen and rejected are the same conversation', () => {
    const conv = [user('q'), assistant('same')];
    const r = parseFile('same.jsonl', jsonl({ chosen: conv, rejected: conv }), { now: 0 });
    expect(issues(r)).toEqual([{ line: 1, field: 'rejected', severity: 'warning' }]);
    expect(r.comparisons).toEqual([]);
  });
});

describe('detectFormat on conversational TRL JSONL', () => {
  it('recognises both conversational forms as trl-jsonl, HH transcripts still as hh-rlhf-jsonl', () => {
    const explicit = jsonl({
      prompt: [user('q')],
      chosen: [assistant('a')],
      rejected: [assistant('b')],
    });
    const implicit = jsonl({
      chosen: [user('q'), assistant('a')],
      rejected: [user('q'), assistant('b')],
    });
    expect(detectFormat('c.jsonl', explicit)).toEqual({ format: 'trl-jsonl', confidence: 0.95 });
    expect(detectFormat('c.jsonl', implicit)).toEqual({ format: 'trl-jsonl', confidence: 0.95 });
    // A first record cut off by the end of the chunk.
    expect(detectFormat('c.jsonl.gz', implicit.slice(0, 40)).format).toBe('trl-jsonl');
    expect(
      detectFormat('h.jsonl', jsonl({ chosen: '\n\nHuman: q\n\nAssistant: a', rejected: 'x' })).format,
    ).toBe('hh-rlhf-jsonl');
    // A transcript that merely mentions such a key inside its text is not conversational.
    expect(
      detectFormat('h.jsonl', jsonl({ chosen: '\n\nHuman: {"chosen": [1]}\n\nAssistant: a', rejected: 'x' }))
        .format,
    ).toBe('hh-rlhf-jsonl');
    expect(parseFile('c.jsonl', implicit, { now: 0 }).format).toBe('trl-jsonl');
  });
});

describe('parsePairsText on conversational rows', () => {
  it('reads both forms as TRL pairs and reports bad rows with line and field', () => {
    const r = parsePairsText(
      jsonl(
        { prompt: [user('q')], chosen: [assistant('a')], rejected: [assistant('b')], margin: 0.5 },
        { chosen: [user('q'), assistant('a')], rejected: [user('p'), assistant('b')] },
        { chosen: [user('q'), assistant('a')], rejected: [user('q'), assistant('b')] },
      ),
    );
    expect(r.format).toBe('trl');
    expect(r.pairs).toEqual([
      { prompt: 'q', chosen: 'a', rejected: 'b', margin: 0.5 },
      { prompt: 'q', chosen: 'a', rejected: 'b' },
    ]);
    expect(r.errors.map(({ line, field }) => ({ line, field }))).toEqual([{ line: 2, field: 'rejected.0' }]);
  });
});
