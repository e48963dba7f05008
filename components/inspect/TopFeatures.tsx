'use client';
/**
 * "What the reward model pays for": its largest positive and negative weights. By default the named style
 * features; a toggle adds the hashed word buckets, each named by the words of this dataset that fall in it.
 */
import { useState } from 'react';
import type { InspectReport } from '@/lib/core/goodhart/report';
import { FeatureBars } from '@/components/charts/FeatureBars';

export function TopFeatures({ report, name }: { report: InspectReport; name: string }) {
  const [words, setWords] = useState(false);
  const top = words ? report.topFeatures : report.topStyleFeatures;
  return (
    <section aria-labelledby="why-h" className="space-y-3" data-testid="top-features">
      <h2 id="why-h" className="text-xl font-semibold">
        Why: what the reward model pays for
      </h2>
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
    </section>
  );
}
