'use client';
/**
 * A run's figures: held-out first (accuracy with its 95% Wilson interval, log-loss, calibration, by
 * strength, TRL's metric set), then training, each with the n it rests on. Below the small-sample
 * thresholds (lib/core/sample-size.ts) a plain note says what is unreliable and offers the simulated
 * rater; a held-out log-loss worse than a coin gets a warning with a suggestion.
 */
import type { RunRecord } from '@/lib/db/app';
import { isImportedMetrics } from '@/lib/core/reward-model/run-record';
import { backendLabel } from '@/lib/core/reward-model/backend-names';
import { parseRunExperiment } from '@/lib/core/reward-model/experiment';
import { DEFAULT_TRAIN_CONFIG } from '@/lib/core/reward-model/model-file';
import { coinWarning } from '@/lib/core/reward-model/run-checks';
import { MIN_CALIBRATION_PAIRS, calibrationNote, trainSampleNotes } from '@/lib/core/sample-size';
import { rateInterval } from '@/lib/core/stats/wilson';
import { ReliabilityDiagram } from '@/components/charts/ReliabilityDiagram';
import { TrainingCurves } from '@/components/charts/TrainingCurves';
import { fixed, percent } from '@/components/ui/format';
import { Name } from '@/components/ui/Name';
import { SampleNotes, ciText } from '@/components/ui/SampleNotes';
import { StrengthTable, TrlTable } from './RunTables';
import { SIMULATE_ANCHOR } from './SimulatePanel';

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
          An imported model file: it records a held-out accuracy of {pct(m.heldOut.accuracy)} (
          {ciText(rateInterval(m.heldOut.accuracy, m.heldOut.n)) || 'no interval'}) on {m.heldOut.n} pairs
          when it was trained. Inspect it, or retrain it here for the full figures.
        </p>
      </section>
    );
  const held = m.heldOut;
  const config = { ...DEFAULT_TRAIN_CONFIG, ...parseRunExperiment(run.config)?.train };
  const notes = trainSampleNotes({ labels: m.labels, heldOutPairs: held.n });
  const coin = coinWarning(m, config);
  const noCalibration = calibrationNote(held.n);
  const heldCi = ciText(rateInterval(held.accuracy, held.n));
  const trainCi = ciText(rateInterval(m.train.accuracy, m.train.n));
  return (
    // A column with gaps, not space-y: the chart figures set their own margin to 0, which beat space-y's.
    <section aria-labelledby="results-h" className="flex flex-col gap-4" data-testid="run-results">
      <h2 id="results-h" className="text-xl font-semibold">
        Results: <Name name={run.name} />
      </h2>
      {coin && (
        <div
          role="alert"
          data-testid="coin-warning"
          className="rounded-lg border border-red-700 bg-red-50 p-3 text-sm dark:border-red-400 dark:bg-red-950"
        >
          <p className="font-semibold">{coin.text}</p>
          <p>Try this: {coin.suggestion}</p>
        </div>
      )}
      <SampleNotes notes={notes} simulateHref={`#${SIMULATE_ANCHOR}`} />
      <dl
        className="grid grid-cols-1 gap-3 min-[420px]:grid-cols-2 lg:grid-cols-4"
        data-testid="headline-metrics"
      >
        <Metric
          label="Held-out accuracy"
          value={pct(held.accuracy)}
          hint={`${heldCi ? `${heldCi} · ` : ''}n = ${held.n} labelled pairs on held-out prompts`}
        />
        <Metric
          label="Held-out log-loss"
          value={f(held.logLoss)}
          hint={`n = ${held.n} pairs · lower is better; 0.693 = coin flip`}
        />
        <Metric
          label="Calibration error (ECE)"
          value={noCalibration ? '—' : f(held.calibration?.ece)}
          hint={
            noCalibration
              ? `too few held-out pairs (n = ${held.n}, needs ${MIN_CALIBRATION_PAIRS})`
              : `n = ${2 * held.n} predictions · 0 = probabilities mean what they say`
          }
        />
        <Metric
          label="Training accuracy"
          value={pct(m.train.accuracy)}
          hint={`${trainCi ? `${trainCi} · ` : ''}n = ${m.train.n} pairs; ${m.labels} labels used`}
        />
      </dl>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Reward mean {f(m.rewardMean)}, standard deviation {f(m.rewardStd)} (stored with the model) · trained
        on: {backendLabel(m.backend)}.
      </p>
      {m.history?.length > 0 && (
        <TrainingCurves
          points={m.history}
          title="Loss and accuracy during training"
          fileName={`${run.name}-curves`}
        />
      )}
      <div className="grid min-w-0 gap-4 lg:grid-cols-2">
        {noCalibration ? (
          <p
            className="h-fit self-start rounded-lg border border-slate-300 p-3 text-sm dark:border-slate-700"
            data-testid="calibration-too-few"
          >
            <strong>Calibration on held-out pairs: not drawn.</strong> {noCalibration.text}
          </p>
        ) : (
          held.calibration && (
            <ReliabilityDiagram
              bins={held.calibration.bins}
              ece={held.calibration.ece ?? NaN}
              title={`Calibration on held-out pairs (n = ${held.n})`}
              fileName={`${run.name}-calibration`}
            />
          )
        )}
        <div className="min-w-0 space-y-4">
          <TrlTable heldOut={held} train={m.train} />
          <StrengthTable heldOut={held} />
        </div>
      </div>
    </section>
  );
}

function Metric({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-slate-300 p-3 dark:border-slate-700">
      <dt className="text-sm font-medium text-slate-700 dark:text-slate-300">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
      <dd className="text-xs text-slate-700 dark:text-slate-300">{hint}</dd>
    </div>
  );
}
