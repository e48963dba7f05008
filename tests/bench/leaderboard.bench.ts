/**
 * Leaderboard benchmark (`npx tsx tests/bench/leaderboard.bench.ts [items] [battles] [bootstrap]`): the
 * Bradley–Terry leaderboard (lib/core/leaderboard/: the fit and its bootstrap, the code behind `goodhart leaderboard` and /data)
 * on a synthetic Arena: 1,500 items with strengths drawn from N(0, 1), 100,000 battles between random
 * pairs of items, outcomes drawn from the BT model with 10% ties; one fit, then the fit plus 200 seeded
 * bootstrap refits. Prints wall times and how well the fit recovers the true strengths. Not a timed test:
 * figures go in the README.
 */
import { fitBradleyTerry, type Battle } from '../../lib/core/leaderboard/bradley-terry';
import { leaderboard } from '../../lib/core/leaderboard/leaderboard';
import { mulberry32 } from '../../lib/core/stats/random';

const [items = 1_500, battleCount = 100_000, bootstrap = 200] = process.argv.slice(2).map(Number);
const rng = mulberry32(20_250_101);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const truth = Array.from({ length: items }, gauss);
const id = (i: number) => `model-${String(i).padStart(4, '0')}`;
const battles: Battle[] = [];
for (let t = 0; t < battleCount; t++) {
  const i = Math.floor(rng() * items);
  let j = Math.floor(rng() * (items - 1));
  if (j >= i) j++;
  const u = rng();
  const pA = 1 / (1 + Math.exp(truth[j] - truth[i]));
  battles.push({ a: id(i), b: id(j), winner: u < 0.1 ? 'tie' : rng() < pA ? 'a' : 'b' });
}
const pairs = new Set(battles.map((b) => (b.a < b.b ? `${b.a}|${b.b}` : `${b.b}|${b.a}`))).size;

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const out = f();
  return [out, (performance.now() - t0) / 1000];
};

const [fit, fitS] = time(() => fitBradleyTerry(battles));
const est = new Map(fit.ids.map((x, i) => [x, fit.scores[i]]));
const mean = truth.reduce((s, x) => s + x, 0) / items;
let sxy = 0;
let sxx = 0;
let syy = 0;
for (let i = 0; i < items; i++) {
  const x = truth[i] - mean;
  const y = est.get(id(i)) ?? 0;
  sxy += x * y;
  sxx += x * x;
  syy += y * y;
}
const [rows, totalS] = time(() => leaderboard(battles, { bootstrap, seed: 1 }));
const widths = rows.map((r) => r.ci_high! - r.ci_low!).sort((x, y) => x - y);

console.log(`goodhart leaderboard benchmark: Node ${process.version}`);
console.log(
  `${items.toLocaleString('en-US')} items, ${battleCount.toLocaleString('en-US')} battles over ` +
    `${pairs.toLocaleString('en-US')} distinct pairs, 10% ties`,
);
console.log(
  `| one fit | ${fitS.toFixed(2)} s | ${fit.iterations} Newton steps, prior ${fit.priorUsed}, ` +
    `correlation with the true strengths ${(sxy / Math.sqrt(sxx * syy)).toFixed(3)} |`,
);
console.log(
  `| fit + ${bootstrap} bootstrap refits | ${totalS.toFixed(2)} s | ` +
    `median 95% CI width ${widths[Math.floor(widths.length / 2)].toFixed(1)} Elo |`,
);
