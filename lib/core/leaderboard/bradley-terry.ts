/**
 * The Bradley–Terry fit: classic Bradley–Terry strengths for items (models, response sources, any ids)
 * fitted by maximum likelihood from pairwise battles, as natural-log strengths. The leaderboard built on
 * it (Elo scale, bootstrap intervals) is ./leaderboard.ts; the sparse graph work (strong connectivity, the
 * Newton system's solver) is ./comparison-graph.ts. Plain TypeScript, no framework.
 *
 * Model: P(i beats j) = π_i / (π_i + π_j). A tie counts as half a win for each side. The fit is
 * Newton–Raphson on the log-strengths θ = ln π with step halving (the log-likelihood is concave, so this
 * converges from θ = 0, quadratically near the optimum). Everything runs over the sparse list of item
 * pairs that actually met: the Newton system (a weighted graph Laplacian) is solved by preconditioned
 * conjugate gradients, so a fit costs O(pairs) per step and memory O(items + pairs), never a k×k matrix
 * (1,500 items with dense matrices took 12 s per fit). Zermelo's / Hunter's MM iteration was tried
 * first and needed ~100 000 iterations when one item had only a few battles. A battle of an item with
 * itself is refused (RangeError): callers leave self-battles out and say so. The MLE exists and is
 * unique when the comparison graph is strongly connected (Hunter 2004, "MM algorithms for generalized
 * Bradley–Terry models", Ann. Statist. 32, assumption 1); otherwise see {@link FitOptions.prior}.
 */
import { sigmoid, softplus } from '../stats/logistic';
import { solveInformation, stronglyConnected } from './comparison-graph';

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

/**
 * Battles as integer item indices over the sparse list of item pairs that actually met: battle t is
 * between `a[t]` and `b[t]` (`winner` 0 = a won, 1 = b won, 2 = tie) on pair `pair[t]`, whose lower
 * index is `pairLo` and higher `pairHi`.
 */
export interface Indexed {
  ids: string[];
  a: Int32Array;
  b: Int32Array;
  winner: Uint8Array;
  pair: Int32Array;
  pairLo: Int32Array;
  pairHi: Int32Array;
}

/** Aggregated battles per met pair: `loWins[e]` = wins of pairLo[e] over pairHi[e] (ties half each way). */
export interface Tally {
  ids: string[];
  pairLo: Int32Array;
  pairHi: Int32Array;
  loWins: Float64Array;
  hiWins: Float64Array;
  n: number[];
}

/** Wins per met pair and battles per item, over all battles or the resample `pick` (battle indices). */
export function tally(data: Indexed, pick?: Int32Array): Tally {
  const k = data.ids.length;
  const pairs = data.pairLo.length;
  const loWins = new Float64Array(pairs);
  const hiWins = new Float64Array(pairs);
  const n = new Array<number>(k).fill(0);
  const count = pick ? pick.length : data.a.length;
  for (let t = 0; t < count; t++) {
    const s = pick ? pick[t] : t;
    const i = data.a[s];
    n[i]++;
    n[data.b[s]]++;
    const e = data.pair[s];
    const w = data.winner[s];
    if (w === 2) {
      loWins[e] += 0.5;
      hiWins[e] += 0.5;
    } else if ((w === 0) === (i === data.pairLo[e])) loWins[e] += 1;
    else hiWins[e] += 1;
  }
  return { ids: data.ids, pairLo: data.pairLo, pairHi: data.pairHi, loWins, hiWins, n };
}

/** Newton fit of a tally (see the header), optionally warm-started from log-strengths `start`. */
export function fitTally(t: Tally, options: FitOptions, start?: readonly number[]): BradleyTerryFit {
  const k = t.ids.length;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 200;
  const auto = options.prior === undefined || options.prior === 'auto';
  const { pairLo, pairHi, loWins, hiWins } = t;
  const prior = auto
    ? stronglyConnected(k, pairLo, pairHi, loWins, hiWins)
      ? 0
      : 1
    : (options.prior as number);
  if (!(prior >= 0)) throw new RangeError(`prior must be >= 0, got ${prior}`);
  const pairs = pairLo.length;
  // Log-likelihood of log-strengths θ; the prior is prior/2 wins and prior/2 losses against θ = 0.
  const logLik = (theta: Float64Array): number => {
    let ll = 0;
    if (prior > 0) for (let i = 0; i < k; i++) ll -= prior * softplus(theta[i]) - (prior / 2) * theta[i];
    for (let e = 0; e < pairs; e++) {
      const lo = loWins[e];
      const hi = hiWins[e];
      if (lo === 0 && hi === 0) continue;
      // −log P(lo beats hi) = softplus(diff); −log P(hi beats lo) = softplus(−diff) = softplus(diff) − diff.
      const diff = theta[pairHi[e]] - theta[pairLo[e]];
      const sp = softplus(diff);
      ll -= lo * sp + hi * (sp - diff);
    }
    return ll;
  };
  let theta = start ? Float64Array.from(start) : new Float64Array(k);
  let iterations = 0;
  // Gradient g of the log-likelihood and the information matrix I (= −Hessian): the Laplacian of the
  // pair weights v plus the prior's diagonal d; with prior 0 the Laplacian is made invertible by adding
  // 1·1ᵀ, which leaves the step's sum at 0 (the gradient sums to 0). `gNext`… hold them at the candidate.
  let g = new Float64Array(k);
  let d = new Float64Array(k);
  let v = new Float64Array(pairs);
  let gNext = new Float64Array(k);
  let dNext = new Float64Array(k);
  let vNext = new Float64Array(pairs);
  const derivatives = (th: Float64Array, gOut: Float64Array, dOut: Float64Array, vOut: Float64Array) => {
    for (let i = 0; i < k; i++) {
      const s = sigmoid(th[i]);
      gOut[i] = prior / 2 - prior * s;
      dOut[i] = prior * s * (1 - s);
    }
    for (let e = 0; e < pairs; e++) {
      const games = loWins[e] + hiWins[e];
      if (games === 0) {
        vOut[e] = 0;
        continue;
      }
      const i = pairLo[e];
      const j = pairHi[e];
      const p = sigmoid(th[i] - th[j]);
      const r = loWins[e] - games * p;
      gOut[i] += r;
      gOut[j] -= r;
      vOut[e] = games * p * (1 - p);
    }
  };
  derivatives(theta, g, d, v);
  let next = new Float64Array(k);
  while (iterations < maxIterations && k > 1) {
    iterations++;
    // Inexact Newton (Eisenstat & Walker's forcing terms): a loose solve while the gradient is large,
    // tightening as ‖g‖ so the final steps still converge quadratically.
    let gNorm = 0;
    for (let i = 0; i < k; i++) gNorm += g[i] * g[i];
    const relTol = Math.min(1e-2, Math.max(1e-11, Math.sqrt(gNorm)));
    const step = solveInformation(pairLo, pairHi, v, d, prior === 0 ? 1 : 0, g, relTol);
    let full = 0;
    for (let i = 0; i < k; i++) {
      const a = Math.abs(step[i]);
      if (!(a <= full)) full = a; // NaN propagates
    }
    if (!Number.isFinite(full)) break;
    let scale = 1;
    const move = (sc: number) => {
      for (let i = 0; i < k; i++) next[i] = theta[i] + sc * step[i];
    };
    move(1);
    derivatives(next, gNext, dNext, vNext);
    if (full > 1e-4) {
      // Every large step must go uphill (the log-likelihood is concave). If the slope along the step is
      // still ≥ 0 at its end, the whole step was uphill (the slope only falls along a line); otherwise
      // compare likelihoods and halve the step until it gains. Small steps are taken as they are: near
      // the optimum, round-off in the log-likelihood would reject them spuriously.
      let slope = 0;
      for (let i = 0; i < k; i++) slope += gNext[i] * step[i];
      if (!(slope >= 0)) {
        const current = logLik(theta);
        let value = logLik(next);
        while (value < current && scale > 1e-10) {
          scale /= 2;
          move(scale);
          value = logLik(next);
        }
        if (value < current) break;
        if (scale < 1) derivatives(next, gNext, dNext, vNext);
      }
    }
    [theta, next] = [next, theta];
    [g, gNext] = [gNext, g];
    [d, dNext] = [dNext, d];
    [v, vNext] = [vNext, v];
    if (scale * full < tolerance) break;
  }
  let mean = 0;
  for (let i = 0; i < k; i++) mean += theta[i];
  mean /= k;
  return {
    ids: t.ids,
    scores: Array.from(theta, (x) => x - mean),
    n: t.n,
    priorUsed: prior,
    iterations,
  };
}

/** Battles to item indices (first-seen order) and the list of pairs that met; refuses self-battles. */
export function indexItems(battles: readonly Battle[]): Indexed {
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
  const count = battles.length;
  const data: Indexed = {
    ids,
    a: new Int32Array(count),
    b: new Int32Array(count),
    winner: new Uint8Array(count),
    pair: new Int32Array(count),
    pairLo: new Int32Array(0),
    pairHi: new Int32Array(0),
  };
  battles.forEach((battle, t) => {
    if (battle.a === battle.b)
      throw new RangeError(
        `battle ${t + 1}: "${battle.a}" cannot battle itself (leave self-battles out before ranking)`,
      );
    data.a[t] = at(battle.a);
    data.b[t] = at(battle.b);
    data.winner[t] = battle.winner === 'a' ? 0 : battle.winner === 'b' ? 1 : 2;
  });
  // The pairs that met, keyed lo·k + hi (exact while k² < 2^53, i.e. below 94 million items).
  const k = ids.length;
  const pairOf = new Map<number, number>();
  const lo: number[] = [];
  const hi: number[] = [];
  for (let t = 0; t < count; t++) {
    const l = Math.min(data.a[t], data.b[t]);
    const h = Math.max(data.a[t], data.b[t]);
    const key = l * k + h;
    let e = pairOf.get(key);
    if (e === undefined) {
      e = lo.length;
      pairOf.set(key, e);
      lo.push(l);
      hi.push(h);
    }
    data.pair[t] = e;
  }
  data.pairLo = Int32Array.from(lo);
  data.pairHi = Int32Array.from(hi);
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
