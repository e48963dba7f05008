'use client';
/** A run's figures: held-out first (accuracy, log-loss, calibration, by strength, TRL's metric set), then training. */
import type { RunRecord } from '@/lib/db/app';
import {
  isImportedMetrics,
  type StoredSplitFigures as SplitFigures,
} from '@/lib/core/reward-model/run-record';
import { ReliabilityDiagram } from '@/components/charts/ReliabilityDiagram';
import { TrainingCurves } from '@/components/charts/TrainingCurves';
import { fixed, percent } from '@/components/ui/format';
import { Name } from '@/components/ui/Name';

const f = (x: number | null | undefined, digits = 3) => fixed(x, digits);
const pct = (x: number | null | undefined) => percent(x, 1);

export function RunResults({ run }: { run: RunRecord }) {
  const m = run.metrics;
  if (isImportedMetrics(m))
    return (
      <section aria-labelledby="results-h" className="space-y-4" data-testid="run-results">
        <h2 id="results-h" className="text-xl font-semibold">
          Results: <Name name={run.name} />
        </h2>
        <p>
          An imported model file: it records a held-out accuracy of {pct(m.heldOut.accuracy)} on {m.heldOut.n}{' '}
          pairs when it was trained. Inspect it, or retrain it here for the full figures.
        </p>
      </section>
    );
  const held = m.heldOut;
  return (
    <section aria-labelledby="results-h" className="space-y-4" data-testid="run-results">
      <h2 id="results-h" className="text-xl font-semibold">
        Results: <Name name={run.name} />
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="headline-metrics">
        <Metric
          label="Held-out accuracy"
          value={pct(held.accuracy)}
          hint={`${held.n} labelled pairs on held-out prompts`}
        />
        <Metric label="Held-out log-loss" value={f(held.logLoss)} hint="lower is better; 0.693 = coin flip" />
        <Metric
          label="Calibration error (ECE)"
          value={f(held.calibration?.ece)}
          hint="0 = probabilities mean what they say"
        />
        <Metric
          label="Training accuracy"
          value={pct(m.train.accuracy)}
          hint={`${m.train.n} pairs; ${m.labels} labels used`}
        />
      </dl>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Reward mean {f(m.rewardMean)}, standard deviation {f(m.rewardStd)} (stored with the model) · trained
        on the {m.backend} backend.
      </p>
      {m.history?.length > 0 && (
        <TrainingCurves
          points={m.history}
          title="Loss and accuracy per epoch"
          fileName={`${run.name}-curves`}
        />
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        {held.calibration && (
          <ReliabilityDiagram
            bins={held.calibration.bins}
            ece={held.calibration.ece ?? NaN}
            title="Calibration on held-out pairs"
            fileName={`${run.name}-calibration`}
          />
        )}
        <div className="space-y-4">
          <MetricTable title="TRL RewardTrainer metrics" heldOut={held} train={m.train} />
          <table className="w-full text-left text-sm">
            <caption className="mb-1 text-left font-medium">Held-out accuracy by preference strength</caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col">Strength</th>
                <th scope="col" className="text-right">
                  Pairs
                </th>
                <th scope="col" className="text-right">
                  Accuracy
                </th>
              </tr>
            </thead>
            <tbody>
              {held.byStrength.map((s) => (
                <tr key={String(s.strength)} className="border-b border-slate-200 dark:border-slate-800">
                  <td>
                    {s.strength === 'none'
                      ? 'not given'
                      : s.strength === 3
                        ? '3 (much better)'
                        : String(s.strength)}
                  </td>
                  <td className="text-right tabular-nums">{s.n}</td>
                  <td className="text-right tabular-nums">{pct(s.accuracy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

function Metric({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="rounded-lg border border-slate-300 p-3 dark:border-slate-700">
      <dt className="text-sm font-medium text-slate-700 dark:text-slate-300">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
      <dd className="text-xs text-slate-700 dark:text-slate-300">{hint}</dd>
    </div>
  );
}

function MetricTable({
  title,
  heldOut,
  train,
}: {
  title: string;
  heldOut: SplitFigures;
  train: SplitFigures;
}) {
  const rows: [string, (s: SplitFigures) => string][] = [
    ['accuracy', (s) => f(s.trl?.accuracy)],
    ['margin', (s) => f(s.trl?.margin)],
    ['min_reward', (s) => f(s.trl?.min_reward)],
    ['mean_reward', (s) => f(s.trl?.mean_reward)],
    ['max_reward', (s) => f(s.trl?.max_reward)],
  ];
  return (
    <table className="w-full text-left text-sm" data-testid="trl-metrics">
      <caption className="mb-1 text-left font-medium">{title}</caption>
      <thead>
        <tr className="border-b border-slate-300 dark:border-slate-700">
          <th scope="col">Metric</th>
          <th scope="col" className="text-right">
            Held-out
          </th>
          <th scope="col" className="text-right">
            Train
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, get]) => (
          <tr key={name} className="border-b border-slate-200 dark:border-slate-800">
            <td className="font-mono">{name}</td>
            <td className="text-right tabular-nums">{get(heldOut)}</td>
            <td className="text-right tabular-nums">{get(train)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
