/**
 * The item leaderboard in the style of Chatbot Arena, assembled from the Bradley–Terry fit
 * (./bradley-terry.ts): one row per item with its natural-log strength, the same on an Elo-like scale,
 * its battle count and, on request, seeded bootstrap percentile 95% intervals (each resample of the
 * battles refitted from a warm start). Plain TypeScript, no framework.
 */
import { quantileSorted } from '../stats/bootstrap';
import { mulberry32 } from '../stats/random';
import { fitTally, indexItems, tally, type Battle, type FitOptions } from './bradley-terry';

/** One leaderboard row; `ci_low`/`ci_high` are on the Elo scale, null without bootstrap. */
export interface LeaderboardRow {
  id: string;
  score: number;
  elo: number;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
}

/** Options for {@link leaderboard}. */
export interface LeaderboardOptions extends FitOptions {
  /** Bootstrap resamples of the battles (default 0: no intervals). */
  bootstrap?: number;
  /** Seed of the bootstrap resampling (default 1). */
  seed?: number;
}

/** Elo-like display of a natural-log strength: 1000 + 400·log10(π) (mean 1000 when scores are centred). */
export function eloFromScore(score: number): number {
  return 1000 + (400 * score) / Math.LN10;
}

/** Newton steps of a bootstrap refit stop below this size (log-strength; 1.7e-4 Elo). */
const BOOTSTRAP_TOLERANCE = 1e-6;

export { quantileSorted } from '../stats/bootstrap';

/**
 * The leaderboard: one row per item, sorted by score descending, with `n` battles per item and, when
 * `bootstrap` > 0, percentile 95% intervals on the Elo scale from resampling the battles with
 * replacement (seeded; each resample is refitted with the same prior rule, and its scores re-centred).
 */
export function leaderboard(battles: readonly Battle[], options: LeaderboardOptions = {}): LeaderboardRow[] {
  const data = indexItems(battles);
  const ids = data.ids;
  const fit = fitTally(tally(data), options);
  const resamples = Math.max(0, Math.floor(options.bootstrap ?? 0));
  const samples: number[][] = ids.map(() => []);
  if (resamples > 0 && battles.length > 0) {
    const rng = mulberry32(options.seed ?? 1);
    const pick = new Int32Array(battles.length);
    for (let r = 0; r < resamples; r++) {
      for (let t = 0; t < pick.length; t++) pick[t] = Math.floor(rng() * battles.length);
      // Warm start; a refit stops once a Newton step is under BOOTSTRAP_TOLERANCE (that step is still
      // taken, and Newton's quadratic convergence leaves an error far below the 0.1 Elo shown).
      const boot = fitTally(
        tally(data, pick),
        { ...options, tolerance: Math.max(options.tolerance ?? 0, BOOTSTRAP_TOLERANCE) },
        fit.scores,
      );
      boot.scores.forEach((s, i) => samples[i].push(eloFromScore(s)));
    }
  }
  const rows = ids.map((id, i): LeaderboardRow => {
    const sorted = samples[i].sort((x, y) => x - y);
    return {
      id,
      score: fit.scores[i],
      elo: eloFromScore(fit.scores[i]),
      ci_low: sorted.length > 0 ? quantileSorted(sorted, 0.025) : null,
      ci_high: sorted.length > 0 ? quantileSorted(sorted, 0.975) : null,
      n: fit.n[i],
    };
  });
  return rows.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
