/**
 * Item leaderboard in the style of Chatbot Arena: classic Bradley–Terry strengths for items (models,
 * response sources, any ids) fitted by maximum likelihood from pairwise battles, shown on a natural-log
 * scale and on an Elo-like scale, with seeded bootstrap 95% intervals. Plain TypeScript, no framework.
 *
 * Model: P(i beats j) = π_i / (π_i + π_j). A tie counts as half a win for each side. The fit is
 * Newton–Raphson on the log-strengths θ = ln π with step halving (the log-likelihood is concave, so this
 * converges from θ = 0, quadratically near the optimum). Zermelo's / Hunter's MM iteration was tried
 * first and needed ~100 000 iterations when one item had only a few battles. The MLE exists and is
 * unique when the comparison graph is strongly connected (Hunter 2004, "MM algorithms for generalized
 * Bradley–Terry models", Ann. Statist. 32, assumption 1); otherwise see {@link FitOptions.prior}.
 */
import { mulberry32 } from './random';

/** One pairwise outcome between items `a` and `b`. */
export interface Battle {
  a: string;
  b: string;
  winner: 'a' | 'b' | 'tie';
}

/** Options for {@link fitBradleyTerry}. */
export interface FitOptions {
  /**
   * Pseudo-games each item plays against a fixed virtual reference of strength 1 (half won, half lost),
   * which keeps estimates finite when an item is undefeated, winless or the comparison graph is split.
   * `'auto'` (default) uses 0 when the comparison graph is strongly connected (the maximum likelihood
   * estimate then exists and is unique, Hunter 2004 assumption 1) and 1 otherwise.
   */
  prior?: number | 'auto';
  /** Stop when no log-strength moves by more than this (default 1e-12). */
  tolerance?: number;
  /** Safety cap on Newton iterations (default 200). */
  maxIterations?: number;
}

/** Result of {@link fitBradleyTerry}. */
export interface BradleyTerryFit {
  /** Item ids, in first-seen order. */
  ids: string[];
  /** Natural-log strengths, centred so that their mean is 0 (geometric-mean strength = 1). */
  scores: number[];
  /** Battles each item took part in. */
  n: number[];
  /** Pseudo-games per item that were actually used (0 when the data alone determine the fit). */
  priorUsed: number;
  /** Newton iterations run. */
  iterations: number;
}

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

/** Aggregated battles: `wins[i][j]` = wins of i over j, ties counted as half a win each way. */
interface Tally {
  ids: string[];
  wins: number[][];
  n: number[];
}

/** Battles as integer item indices: `winner` 0 = a won, 1 = b won, 2 = tie. */
interface Indexed {
  ids: string[];
  a: Int32Array;
  b: Int32Array;
  winner: Uint8Array;
}

function tally(data: Indexed, pick?: Int32Array): Tally {
  const k = data.ids.length;
  const wins = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const n = new Array<number>(k).fill(0);
  const count = pick ? pick.length : data.a.length;
  for (let t = 0; t < count; t++) {
    const s = pick ? pick[t] : t;
    const i = data.a[s];
    const j = data.b[s];
    n[i]++;
    n[j]++;
    if (i === j) continue;
    const w = data.winner[s];
    if (w === 0) wins[i][j] += 1;
    else if (w === 1) wins[j][i] += 1;
    else {
      wins[i][j] += 0.5;
      wins[j][i] += 0.5;
    }
  }
  return { ids: data.ids, wins, n };
}

/** True when every item can reach every other along "has beaten (or tied)" edges. */
export function isStronglyConnected(wins: readonly (readonly number[])[]): boolean {
  const k = wins.length;
  if (k <= 1) return true;
  const reach = (forward: boolean): boolean => {
    const seen = new Array<boolean>(k).fill(false);
    const stack = [0];
    seen[0] = true;
    while (stack.length > 0) {
      const i = stack.pop()!;
      for (let j = 0; j < k; j++) {
        const w = forward ? wins[i][j] : wins[j][i];
        if (!seen[j] && w > 0) {
          seen[j] = true;
          stack.push(j);
        }
      }
    }
    return seen.every(Boolean);
  };
  return reach(true) && reach(false);
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** Solves A·x = b in place by Gaussian elimination with partial pivoting (A is k×k, small). */
function solve(A: number[][], b: number[]): number[] {
  const k = b.length;
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[pivot][c])) pivot = r;
    [A[c], A[pivot]] = [A[pivot], A[c]];
    [b[c], b[pivot]] = [b[pivot], b[c]];
    for (let r = c + 1; r < k; r++) {
      const f = A[r][c] / A[c][c];
      if (f === 0) continue;
      for (let j = c; j < k; j++) A[r][j] -= f * A[c][j];
      b[r] -= f * b[c];
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let sum = b[r];
    for (let j = r + 1; j < k; j++) sum -= A[r][j] * x[j];
    x[r] = sum / A[r][r];
  }
  return x;
}

function fitTally(t: Tally, options: FitOptions, start?: readonly number[]): BradleyTerryFit {
  const k = t.ids.length;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 200;
  const auto = options.prior === undefined || options.prior === 'auto';
  const prior = auto ? (isStronglyConnected(t.wins) ? 0 : 1) : (options.prior as number);
  if (!(prior >= 0)) throw new RangeError(`prior must be >= 0, got ${prior}`);
  const w = t.wins;
  // Log-likelihood of log-strengths θ; the prior is prior/2 wins and prior/2 losses against θ = 0.
  const logLik = (theta: number[]): number => {
    let ll = 0;
    for (let i = 0; i < k; i++) {
      ll -= prior * softplus(theta[i]) - (prior / 2) * theta[i];
      for (let j = i + 1; j < k; j++) {
        if (w[i][j] > 0) ll -= w[i][j] * softplus(theta[j] - theta[i]);
        if (w[j][i] > 0) ll -= w[j][i] * softplus(theta[i] - theta[j]);
      }
    }
    return ll;
  };
  let theta = start ? [...start] : new Array<number>(k).fill(0);
  let current = logLik(theta);
  let iterations = 0;
  while (iterations < maxIterations && k > 1) {
    iterations++;
    // Gradient g and information matrix I (= −Hessian); with prior 0, I is a graph Laplacian, made
    // invertible by adding 1·1ᵀ, which leaves the step's sum at 0 (the gradient sums to 0).
    const g = new Array<number>(k).fill(0);
    const info = Array.from({ length: k }, () => new Array<number>(k).fill(prior === 0 ? 1 : 0));
    for (let i = 0; i < k; i++) {
      const s = 1 / (1 + Math.exp(-theta[i]));
      g[i] += prior / 2 - prior * s;
      info[i][i] += prior * s * (1 - s);
      for (let j = i + 1; j < k; j++) {
        const games = w[i][j] + w[j][i];
        if (games === 0) continue;
        const p = 1 / (1 + Math.exp(theta[j] - theta[i]));
        g[i] += w[i][j] - games * p;
        g[j] -= w[i][j] - games * p;
        const v = games * p * (1 - p);
        info[i][i] += v;
        info[j][j] += v;
        info[i][j] -= v;
        info[j][i] -= v;
      }
    }
    const step = solve(info, g);
    if (!step.every(Number.isFinite)) break;
    // Step halving keeps every large step uphill (the log-likelihood is concave). Small steps are taken
    // as they are: near the optimum, round-off in the log-likelihood would reject them spuriously.
    const full = Math.max(...step.map(Math.abs));
    let scale = 1;
    let next = theta.map((x, i) => x + step[i]);
    if (full > 1e-4) {
      let value = logLik(next);
      while (value < current && scale > 1e-10) {
        scale /= 2;
        next = theta.map((x, i) => x + scale * step[i]);
        value = logLik(next);
      }
      if (value < current) break;
      current = value;
    } else current = logLik(next);
    theta = next;
    if (scale * full < tolerance) break;
  }
  const mean = theta.reduce((sum, x) => sum + x, 0) / k;
  return { ids: t.ids, scores: theta.map((x) => x - mean), n: t.n, priorUsed: prior, iterations };
}

function indexItems(battles: readonly Battle[]): Indexed {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const at = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
    }
    return i;
  };
  const data: Indexed = {
    ids,
    a: new Int32Array(battles.length),
    b: new Int32Array(battles.length),
    winner: new Uint8Array(battles.length),
  };
  battles.forEach((battle, t) => {
    data.a[t] = at(battle.a);
    data.b[t] = at(battle.b);
    data.winner[t] = battle.winner === 'a' ? 0 : battle.winner === 'b' ? 1 : 2;
  });
  return data;
}

/**
 * Maximum-likelihood Bradley–Terry strengths from battles (ties = half a win each way). Scores are
 * natural-log strengths with mean 0. With `prior: 0` and a graph that is not strongly connected the MLE
 * does not exist; the iteration then stops at `maxIterations` with very large or small scores, which is
 * why the default is `'auto'`.
 */
export function fitBradleyTerry(battles: readonly Battle[], options: FitOptions = {}): BradleyTerryFit {
  return fitTally(tally(indexItems(battles)), options);
}

/** Percentile of sorted values with linear interpolation between order statistics (R's type 7). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

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
      const boot = fitTally(tally(data, pick), options, fit.scores); // warm start
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
