/**
 * Warnings about a finished training run that its figures alone do not say: a held-out log-loss worse
 * than a coin (ln 2 nats: the model's probabilities are worse than saying 50% every time) with a concrete
 * suggestion chosen from the run's own figures and settings. Pure TypeScript.
 */
import { MIN_LABELS } from '../sample-size';
import type { TrainConfig } from './settings';

/** The log-loss of always saying 50%: ln 2 ≈ 0.693 nats. */
export const COIN_LOG_LOSS = Math.LN2;

/** A warning and what to try. */
export interface RunWarning {
  text: string;
  suggestion: string;
}

/** The figures the check reads (a trained run's metrics as stored). */
export interface RunCheckInput {
  labels: number;
  heldOut: { n: number; logLoss: number | null };
  train: { n: number; logLoss: number | null };
}

const ok = (x: number | null): x is number => x !== null && Number.isFinite(x);

/**
 * A warning when the held-out log-loss is worse than a coin's, else null. The suggestion: more labels
 * below {@link MIN_LABELS}; when the model fits its training pairs well but not new prompts (training
 * log-loss under half the held-out one), a stronger L2 penalty, fewer epochs or early stopping; when it
 * does not fit its training pairs either, more epochs or a larger learning rate; else labels that
 * disagree with each other.
 */
export function coinWarning(
  m: RunCheckInput,
  config: Pick<TrainConfig, 'l2' | 'epochs' | 'learningRate' | 'patience'>,
): RunWarning | null {
  const held = m.heldOut.logLoss;
  if (!ok(held) || m.heldOut.n === 0 || held <= COIN_LOG_LOSS) return null;
  const text = `Held-out log-loss ${held.toFixed(3)} is worse than a coin (${COIN_LOG_LOSS.toFixed(3)}): on prompts it did not train on, this model's probabilities are worse than saying 50% every time.`;
  const train = m.train.logLoss;
  const more = 'label more pairs, or let a simulated rater label 500';
  let suggestion: string;
  if (m.labels < MIN_LABELS)
    suggestion = `With ${m.labels} labels that is expected: ${more}, then train again.`;
  else if (ok(train) && train < held / 2)
    suggestion = `It fits its training pairs (log-loss ${train.toFixed(3)}) but not new prompts: raise the L2 penalty from ${config.l2} to ${+(config.l2 * 10).toPrecision(3)}, train fewer than ${config.epochs} epochs${config.patience > 0 ? '' : ' or turn on early stopping'}, or ${more}.`;
  else if (ok(train) && train > COIN_LOG_LOSS)
    suggestion = `It does not fit even its training pairs (log-loss ${train.toFixed(3)}): train more than ${config.epochs} epochs or raise the learning rate from ${config.learningRate}.`;
  else
    suggestion = `Its labels may contradict each other on these prompts: check the raters' agreement, or ${more}.`;
  return { text, suggestion };
}
