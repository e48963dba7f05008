// Bring-your-own scores JSONL: good lines (with optional correct/style), blank lines, BOM and CRLF, and
// one issue per problem with its line number (bad JSON, not an object, missing or mistyped fields).
import { describe, expect, it } from 'vitest';
import { parseScoresJsonl } from '../../lib/core/formats/scores';

describe('parseScoresJsonl', () => {
  it('reads scored responses, with optional correct and style', () => {
    const text =
      '\ufeff{"prompt":"Q","response":"A","reward":1.5,"correct":true}\r\n\n' +
      '{"prompt":"Q","response":"B","reward":-2,"style":"fluent","extra":1}\n';
    expect(parseScoresJsonl(text)).toEqual({
      scores: [
        { prompt: 'Q', response: 'A', reward: 1.5, correct: true },
        { prompt: 'Q', response: 'B', reward: -2, style: 'fluent' },
      ],
      issues: [],
    });
  });

  it('reports every problem with its line and never throws', () => {
    const text = [
      '{"prompt":"Q","response":"A","reward":1}',
      '{"prompt":"Q","response":"A"',
      '[1,2]',
      '{"prompt":"Q","reward":"high"}',
      '{"prompt":"Q","response":"A","reward":1,"correct":"yes"}',
      '',
      'null',
    ].join('\n');
    const r = parseScoresJsonl(text);
    expect(r.scores).toHaveLength(1);
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [2, undefined],
      [3, undefined],
      [4, 'response'],
      [4, 'reward'],
      [5, 'correct'],
      [7, undefined],
    ]);
    expect(r.issues[0].message).toMatch(/^invalid JSON/);
    expect(r.issues[2].message).toBe('missing "response"');
    expect(r.issues[3].message).toMatch(/^"reward": /);
  });

  it('refuses non-finite rewards', () => {
    expect(parseScoresJsonl('{"prompt":"Q","response":"A","reward":1e999}').issues[0].field).toBe('reward');
  });
});
