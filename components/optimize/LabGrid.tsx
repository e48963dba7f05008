'use client';
/** The fix-it lab: one compact curve per mitigation, side by side, each with what it does and what it costs. */
import { MITIGATIONS, type MitigationId } from '@/lib/core/goodhart/optimize/mitigations';
import type { CurvePoint, OptimizeResult } from '@/lib/core/goodhart/optimize/run';
import { OptimizeChart } from '@/components/charts/OptimizeChart';
import { percent } from '@/components/ui/format';

/** A mitigation's curve so far (live) and its finished run. */
export interface LabCell {
  mitigation: MitigationId;
  curve: CurvePoint[];
  result: OptimizeResult | null;
}

const EMPTY_FIT: OptimizeResult['fit'] = { proxy: null, gold: null };

export function LabGrid({ cells, name }: { cells: readonly LabCell[]; name: string }) {
  return (
    <ul className="grid gap-4 lg:grid-cols-2" data-testid="lab-grid">
      {cells.map((c) => {
        const def = MITIGATIONS.find((m) => m.id === c.mitigation)!;
        const last = c.curve.at(-1);
        return (
          <li key={c.mitigation} className="min-w-0 space-y-1" data-testid={`lab-${c.mitigation}`}>
            <OptimizeChart
              compact
              live={!c.result}
              height={260}
              title={def.name}
              subtitle={
                last
                  ? `gold ${percent(c.curve[0].gold)} → ${percent(last.gold)} at KL ${last.kl.toFixed(2)}`
                  : 'waiting…'
              }
              data={{ curve: c.curve, fit: c.result?.fit ?? EMPTY_FIT }}
              fileName={`${name}-${c.mitigation}`}
            />
            <p className="text-sm">{def.what}</p>
            <p className="text-sm text-slate-700 dark:text-slate-300">
              <span className="font-medium">Cost:</span> {def.cost}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
