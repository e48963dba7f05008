'use client';
/**
 * "Inside a linear model: its largest weights", a secondary view collapsed by default (what the model
 * pays for is measured by the counterfactual probes, components/probes/ProbePanel.tsx, for every model
 * kind). The largest positive and negative weights of a linear model's style + hashed part: by default the
 * named style features; a toggle adds the hashed word buckets, each named by the words of this dataset
 * that fall in it.
 */
import { useState } from 'react';
import type { InspectReport } from '@/lib/core/goodhart/report';
import { FeatureBars } from '@/components/charts/FeatureBars';

export function TopFeatures({ report, name }: { report: InspectReport; name: string }) {
  const [words, setWords] = useState(false);
  const top = words ? report.topFeatures : report.topStyleFeatures;
  return (
    <details
      aria-labelledby="weights-h"
      className="min-w-0 space-y-3 rounded-lg border border-slate-300 p-3 dark:border-slate-700"
      data-testid="top-features"
    >
      <summary id="weights-h" className="cursor-pointer text-lg font-semibold">
        Inside a linear model: its largest weights
      </summary>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
        A weight says how much one feature moves this linear model&apos;s reward, holding the others fixed; it
        is not a measure of what the model pays for in real answers (features move together, and a word bucket
        mixes words). The probes above measure that by editing answers. Only the style and hashed word part of
        the model is shown.
      </p>
      <div className="flex flex-wrap items-center gap-3" role="group" aria-label="Which features">
        {([false, true] as const).map((w) => (
          <button
            key={String(w)}
            type="button"
            aria-pressed={words === w}
            onClick={() => setWords(w)}
            className={`rounded-md border px-3 py-1 text-sm ${words === w ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-400'}`}
          >
            {w ? 'All features, word buckets too' : 'Named style features'}
          </button>
        ))}
      </div>
      {words && (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          A word bucket is one of 4,096 slots that words and two-word phrases are hashed into; it is named by
          the words of this dataset that land in it (they share its weight).
        </p>
      )}
      <div className="grid min-w-0 gap-6 lg:grid-cols-2">
        <FeatureBars
          bars={top.positive.map((f) => ({ name: f.name, value: f.weight }))}
          title="Features that raise the reward most"
          valueName="weight"
          fileName={`${name}-top-positive`}
        />
        <FeatureBars
          bars={top.negative.map((f) => ({ name: f.name, value: f.weight }))}
          title="Features that lower the reward most"
          valueName="weight"
          fileName={`${name}-top-negative`}
        />
      </div>
    </details>
  );
}
