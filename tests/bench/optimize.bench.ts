// bench:optimize — the optimiser on the demo pack: for the hurried rater's and the careful fact-checker's
// reward models (500 simulated labels, seed 1), best-of-n and RL with each mitigation of the fix-it lab;
// prints gold and proxy at the start and end of each curve, the KL reached and the time taken, and the
// probe table of each model. Run: npx tsx tests/bench/optimize.bench.ts
import { cpus } from 'node:os';
import { runLab } from '../../lib/core/goodhart/optimize/lab';
import { MITIGATIONS } from '../../lib/core/goodhart/optimize/mitigations';
import { probe } from '../../lib/core/goodhart/probes/probe';
import { featureRewardFn } from '../../lib/core/goodhart/probes/reward';
import { demo, demoModel } from '../unit/optimize-fixture';

async function main() {
  console.log(`machine: ${cpus().length}× ${cpus()[0]?.model}, Node ${process.version}`);
  for (const rater of ['hurried', 'careful'] as const) {
    let t = performance.now();
    const m = await demoModel(rater);
    console.log(
      `\n## ${rater}: ensemble of 3 trained + ${m.table.texts.length} texts scored in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    const p = await probe(demo, featureRewardFn(m.model));
    console.log(`probe (${p.responses} responses, ${((performance.now() - t) / 1000).toFixed(2)} s):`);
    for (const e of p.edits)
      console.log(
        `| ${e.name} | ${e.meanDelta.toFixed(2)} [${e.ciLow.toFixed(2)}, ${e.ciHigh.toFixed(2)}] | ${(100 * e.raisedShare).toFixed(0)}% | ${e.goldChanged ? 'yes' : 'no'} |`,
      );
    for (const method of ['bon', 'rl'] as const) {
      t = performance.now();
      const runs = await runLab(
        m.table,
        MITIGATIONS.map((x) => x.id),
        { method },
        m.members,
      );
      console.log(`${method}: ${runs.length} runs in ${((performance.now() - t) / 1000).toFixed(2)} s`);
      for (const r of runs) {
        const c = r.result.curve;
        const peak = c.reduce((b, x) => ((x.gold ?? -1) > (b.gold ?? -1) ? x : b), c[0]);
        console.log(
          `| ${rater} | ${method} | ${r.mitigation} | ${c[0].gold!.toFixed(3)} → ${c.at(-1)!.gold!.toFixed(3)} (peak ${peak.gold!.toFixed(3)} at √KL ${Math.sqrt(peak.kl).toFixed(2)}) | ${c[0].proxy.toFixed(2)} → ${c.at(-1)!.proxy.toFixed(2)} | ${c.at(-1)!.kl.toFixed(2)} | ${
            r.result.editRates
              .filter((e) => e.rate > 0.5)
              .map((e) => e.id)
              .join(', ') || '—'
          } |`,
        );
      }
    }
  }
}

void main();
