'use client';
/**
 * The Goodhart viewer for one report (a trained model, or external scores): the verdict, headlines,
 * the probes panel (given by the page: what the model pays for), reward against truth with one response
 * explained, the best-of-n curve, bias, a linear model's largest weights (collapsed), the gallery and
 * raters against gold. Figures, the verdict and the gallery are shown for held-out prompts
 * first; a toggle switches all of them to all prompts.
 */
import { useMemo, useState } from 'react';
import type { InspectReport, ResponseReward, ScoresReport, SliceFigures } from '@/lib/core/goodhart/report';
import type { ResponseExplanation } from '@/lib/workers/inspect-api';
import { RewardStrip } from '@/components/charts/RewardStrip';
import { BestOfNChart } from '@/components/charts/BestOfNChart';
import { FeatureBars } from '@/components/charts/FeatureBars';
import { Headlines } from './Headlines';
import { Gallery } from './Gallery';
import { WhyPanel } from './WhyPanel';
import { Verdict } from './Verdict';
import { TopFeatures } from './TopFeatures';
import { GroupTable, RatersTable, groupName } from './ReportTables';
import { percent } from '@/components/ui/format';
import { plainPreview } from '@/lib/core/text-preview';

type AnyReport = (InspectReport | ScoresReport) & { heldOut?: SliceFigures };

const GROUP_ORDER = ['correct · hedged', 'correct · fluent', 'incorrect · hedged', 'incorrect · fluent'];
const pct = (x: number | null | undefined) => percent(x);

export function ReportView({
  report,
  texts,
  explain,
  name,
  labels,
  probes,
  linear = false,
}: {
  report: AnyReport;
  /** Response id → {prompt, text}, for hover labels and explanations. */
  texts: Map<string, { prompt: string; text: string }>;
  explain?: (responseId: string) => Promise<ResponseExplanation | null>;
  name: string;
  /** Labels the model trained on (for the small-sample note); null when not known. */
  labels: number | null;
  /** The counterfactual probes panel, shown under the verdict and headlines (a trained model only). */
  probes?: React.ReactNode;
  /** The model is linear, so its style + hashed weights can be shown (collapsed, after the bias section). */
  linear?: boolean;
}) {
  const hasHeldOut = !!report.heldOut && report.heldOut.prompts > 0;
  const [slice, setSlice] = useState<'heldOut' | 'all'>(hasHeldOut ? 'heldOut' : 'all');
  const figures = slice === 'heldOut' && report.heldOut ? report.heldOut : report.all;
  const sliceLabel = slice === 'heldOut' ? 'held-out' : 'all';
  const [selected, setSelected] = useState<{ r: ResponseReward; why: ResponseExplanation } | null>(null);
  const gallery = slice === 'heldOut' && 'heldOutGallery' in report ? report.heldOutGallery : report.gallery;

  const responses = useMemo(
    () => report.responses.filter((r) => slice === 'all' || r.heldOut),
    [report.responses, slice],
  );
  const points = useMemo(
    () =>
      responses.map((r) => {
        const t = texts.get(r.responseId);
        return {
          id: r.responseId,
          reward: r.reward,
          group: groupName(r),
          highlight: r.correct === false && r.style === 'fluent',
          label: t ? `${t.prompt.slice(0, 120)}\n→ ${t.text.slice(0, 220)}` : r.responseId,
        };
      }),
    [responses, texts],
  );
  const groups = useMemo(() => {
    const present = new Set(points.map((p) => p.group));
    return [
      ...GROUP_ORDER.filter((g) => present.has(g)),
      ...[...present].filter((g) => !GROUP_ORDER.includes(g)).sort(),
    ];
  }, [points]);

  async function select(id: string) {
    const r = report.responses.find((x) => x.responseId === id);
    if (!r || !explain) return;
    const why = await explain(id);
    if (why) setSelected({ r, why });
  }

  const raters = 'raters' in report ? report.raters : [];

  return (
    <div className="min-w-0 space-y-10">
      <div className="space-y-4">
        <Verdict figures={figures} slice={sliceLabel} labels={labels} />
        {report.notes.length > 0 && (
          <ul
            className="space-y-1 rounded-lg border border-slate-400 bg-slate-50 p-3 text-sm dark:bg-slate-900"
            data-testid="notes"
          >
            {report.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap items-center gap-3" role="group" aria-label="Which prompts">
          <span className="text-sm font-medium">Prompts:</span>
          {(['heldOut', 'all'] as const).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={slice === s}
              disabled={s === 'heldOut' && !hasHeldOut}
              onClick={() => setSlice(s)}
              className={`rounded-md border px-3 py-1 text-sm ${slice === s ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-400'} disabled:opacity-50`}
            >
              {s === 'heldOut'
                ? `Held-out (${report.heldOut?.prompts ?? 0}, not trained on)`
                : `All (${report.all.prompts})`}
            </button>
          ))}
        </div>
        <Headlines figures={figures} slice={sliceLabel} />
      </div>
      {probes}

      <section aria-labelledby="truth-h" className="min-w-0 space-y-3">
        <h2 id="truth-h" className="text-xl font-semibold">
          Reward against truth
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Every response&apos;s reward, grouped by gold correctness × style. Diamonds are fluent-but-wrong
          answers.
          {explain ? ' Click a point to see why it got its reward.' : ''}
        </p>
        <RewardStrip
          points={points}
          groups={groups}
          onSelect={explain ? (id) => void select(id) : undefined}
          title={`Reward by correctness and style (${sliceLabel} prompts)`}
          fileName={`${name}-reward-vs-truth`}
        />
        {explain && (
          <div className="min-w-0">
            <label htmlFor="why-select" className="block text-sm font-medium">
              Or choose a response to explain
            </label>
            <select
              id="why-select"
              value={selected?.r.responseId ?? ''}
              onChange={(e) => e.target.value && void select(e.target.value)}
              className="mt-1 w-full max-w-3xl rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
            >
              <option value="">— a response (highest reward first) —</option>
              {[...responses]
                .sort((a, b) => b.reward - a.reward)
                .map((r) => (
                  <option key={r.responseId} value={r.responseId}>
                    {r.reward.toFixed(2)} · {groupName(r)} ·{' '}
                    {plainPreview(texts.get(r.responseId)?.text ?? '')}
                  </option>
                ))}
            </select>
          </div>
        )}
        <GroupTable figures={figures} />
        {selected && (
          <WhyPanel
            text={texts.get(selected.r.responseId)?.text ?? ''}
            correct={selected.r.correct}
            style={selected.r.style}
            explanation={selected.why}
          />
        )}
      </section>

      <section aria-labelledby="bon-h" className="min-w-0 space-y-3">
        <h2 id="bon-h" className="text-xl font-semibold">
          The Goodhart curve: optimising against the reward model
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Best-of-n: draw n answers from each prompt&apos;s pool and keep the one with the highest reward.
          Computed exactly from the pools (order statistics, no sampling). The proxy reward rises with n;
          watch what happens to the share of correct answers. The KL axis is the exact KL divergence of
          best-of-n from picking uniformly in each prompt&apos;s pool, averaged over prompts: it can never
          exceed ln k for a pool of k answers (the often-quoted ln n − (n−1)/n holds only for a continuous
          base distribution), so the curve stops moving right once the top answer is nearly always kept.
        </p>
        <BestOfNChart
          data={figures.bestOfN}
          title={`Best-of-n (${sliceLabel} prompts, n = ${figures.prompts})`}
          fileName={`${name}-best-of-n`}
        />
      </section>

      <section aria-labelledby="bias-h" className="min-w-0 space-y-3">
        <h2 id="bias-h" className="text-xl font-semibold">
          Bias
        </h2>
        {figures.lengthBaseline && (
          <p data-testid="length-baseline">
            On {figures.lengthBaseline.n} judged pairs, &ldquo;the longer answer wins&rdquo; agrees with the
            raters <strong>{pct(figures.lengthBaseline.longerWins)}</strong> of the time; the reward model{' '}
            <strong>{pct(figures.lengthBaseline.model)}</strong>.
          </p>
        )}
        {figures.featureCorrelations.length > 0 && (
          <FeatureBars
            bars={figures.featureCorrelations
              .filter((c) => c.pearson !== null)
              .map((c) => ({ name: c.name, value: c.pearson as number }))}
            title={`Correlation of reward with each style feature (${sliceLabel} prompts, n = ${figures.responses} responses)`}
            valueName="Pearson r"
            min={-1}
            max={1}
            fileName={`${name}-style-correlations`}
          />
        )}
      </section>

      {linear &&
        'topStyleFeatures' in report &&
        report.topStyleFeatures.positive.length + report.topStyleFeatures.negative.length > 0 && (
          <TopFeatures report={report} name={name} />
        )}

      <section aria-labelledby="gallery-h" className="min-w-0 space-y-3">
        <h2 id="gallery-h" className="text-xl font-semibold">
          Gallery: the model&apos;s most confident wrong preferences ({sliceLabel} prompts)
        </h2>
        <Gallery pairs={gallery} />
      </section>

      {raters.length > 0 && (
        <section aria-labelledby="raters-h" className="min-w-0 space-y-3">
          <h2 id="raters-h" className="text-xl font-semibold">
            Raters against gold
          </h2>
          <RatersTable raters={raters} />
        </section>
      )}
    </div>
  );
}
