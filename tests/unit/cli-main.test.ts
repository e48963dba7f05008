// cli/main.ts never prints a stack trace: an unexpected failure of any command is one line on stderr,
// exit 1; engine limits (stack overflow, strings or arrays too long) say the input was too large.
import { describe, expect, it, vi } from 'vitest';

const failure = vi.hoisted(() => ({ error: new Error('unset') as unknown }));
vi.mock('../../cli/commands/score', () => ({
  summary: 'score',
  run: async () => {
    throw failure.error;
  },
}));

import { failureLine } from '../../cli/main';
import { cli } from './cli-harness';

describe('goodhart top-level errors', () => {
  it('a stack overflow is one line saying the input is too large, exit 1', async () => {
    const deep = (n: number): number => (n === 0 ? 0 : 1 + deep(n - 1));
    try {
      deep(1e7);
    } catch (e) {
      failure.error = e;
    }
    expect(failure.error).toBeInstanceOf(RangeError);
    const r = await cli('score', 'model.json', 'x.jsonl');
    expect(r).toEqual({
      code: 1,
      out: [],
      err: [
        'goodhart score: the input is too large to process here (Maximum call stack size exceeded); split it into smaller files',
      ],
    });
  });

  it('other unexpected errors: one line, no stack, multi-line messages cut to their first line', async () => {
    failure.error = new TypeError("Cannot read properties of undefined (reading 'x')\n    at f (a.ts:1:1)");
    const r = await cli('score', 'model.json', 'x.jsonl');
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      "goodhart score: internal error (TypeError: Cannot read properties of undefined (reading 'x')); please report it with the command and input",
    ]);
    failure.error = 'a string';
    expect((await cli('score')).err).toEqual(['goodhart score: a string']);
  });

  it('failureLine names the limit for string and array lengths', () => {
    expect(failureLine('import', new RangeError('Invalid string length'))).toBe(
      'goodhart import: the input is too large to process here (Invalid string length); split it into smaller files',
    );
    expect(failureLine('train', new RangeError('prior must be >= 0, got -1'))).toBe(
      'goodhart train: prior must be >= 0, got -1',
    );
    expect(failureLine('eval', new Error('plain'))).toBe('goodhart eval: plain');
  });
});
