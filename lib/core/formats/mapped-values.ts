/**
 * How the cells of a row read through a column mapping (./mapping.ts) are understood, before the
 * column's index base is known: response texts, winner words, gold booleans, and the row-local readings
 * `WinnerRead` and `GoldRead` that ./mapped-sink.ts settles once the whole file is read.
 *
 * Winner values: `a`/`model_a`/`response_a`/`left`/`first` → first response; likewise `b`/… → second;
 * `tie`; `both_bad`/`tie (bothbad)`/`neither`; a response field's name or a response's text; or a
 * number, the index of the winning response. With more than two responses the winner beats each of the
 * others. Gold (`correct`): an array of booleans (one per response), a boolean-like value when there is
 * one response, or the index, field name or text of the one correct response (the others are then
 * incorrect). Numbers count from 0 or from 1 as the mapping says (`winnerBase`, `correctBase`), else as
 * ./index-base.ts infers from the whole column.
 */
import { z } from 'zod';
import type { Outcome } from '../types';
import { inferIndexBase, type IndexBase, type IndexBaseVerdict, type IndexSample } from './index-base';

/** A text cell: a string, or a number read as its text. */
export const textValue = z.union([z.string(), z.number().transform(String)]);
/** One item of a response list: a text, or an object with a `text`. */
export const responseItem = z.union([textValue, z.object({ text: z.string() }).transform((o) => o.text)]);

/** Winner words (normalised, parentheses dropped) and the outcome each names. */
export const OUTCOMES: Record<string, Outcome> = {
  a: 'a',
  modela: 'a',
  responsea: 'a',
  left: 'a',
  first: 'a',
  b: 'b',
  modelb: 'b',
  responseb: 'b',
  right: 'b',
  second: 'b',
  tie: 'tie',
  bothbad: 'both_bad',
  tiebothbad: 'both_bad',
  neither: 'both_bad',
};

/** Boolean-like gold values (lowercased, trimmed). */
export const BOOL: Record<string, boolean> = {
  true: true,
  yes: true,
  y: true,
  '1': true,
  false: false,
  no: false,
  n: false,
  '0': false,
};

/** How a row's winner value was read before the column's index base is known. */
export type WinnerRead =
  | { kind: 'outcome'; outcome: Outcome; raw: string }
  | { kind: 'index'; index: number; raw: string }
  | { kind: 'number'; value: number };

/** How a row's gold value was read before the column's index base is known. */
export type GoldRead =
  | { kind: 'flags'; gold: (boolean | undefined)[] }
  | { kind: 'index'; index: number }
  | { kind: 'number'; value: number }
  | { kind: 'unreadable'; raw: string };

const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];
export const nth = (i: number) => ORDINAL[i] ?? `#${i + 1}`;
export const OUTCOME_WORDS: Record<Outcome, string> = {
  a: 'first response wins',
  b: 'second response wins',
  tie: 'tie',
  both_bad: 'both bad',
};

/** The index a field name or a response's text names, or -1. */
export function named(value: unknown, fields: string[], texts: string[]): number {
  if (typeof value !== 'string') return -1;
  const byField = fields.indexOf(value.trim());
  return byField >= 0 ? byField : texts.indexOf(value);
}

/** The range message for a number outside the row's pool under the given (or either) base. */
export function outOfRange(what: string, v: number, k: number, base: IndexBase | undefined): string {
  const range =
    base === undefined
      ? `0–${k - 1} counting from 0, 1–${k} counting from 1`
      : base === 0
        ? `0–${k - 1}, counting from 0`
        : `1–${k}, counting from 1`;
  return `${what} ${v} is not a response of this row (${k} responses: ${range})`;
}

/** The verdict for a column: the mapping's choice, else the inference over all its samples. */
export function verdictFor(given: IndexBase | undefined, samples: IndexSample[]): IndexBaseVerdict {
  if (given !== undefined) return { kind: 'inferred', base: given, why: 'set in the mapping' };
  return inferIndexBase(samples);
}
