'use client';
/**
 * The ensemble's combination (mean − k·sd or the minimum) as a labelled select, from the optimiser's
 * settings table: /optimize's fix-it lab and the playground's optimiser fields both use it.
 */
import type { EnsembleCombine } from '@/lib/core/goodhart/optimize/mitigations';
import { OPTIMIZER_SETTINGS as OPT } from '@/lib/core/goodhart/optimize/settings';
import { Field } from '@/components/ui/Field';

export function EnsembleCombineField({
  id,
  value,
  onChange,
  disabled,
  className,
}: {
  id: string;
  value: EnsembleCombine;
  onChange: (c: EnsembleCombine) => void;
  disabled: boolean;
  className: string;
}) {
  return (
    <Field id={id} label={OPT.ensembleCombine.label}>
      <select
        id={id}
        value={value}
        title={OPT.ensembleCombine.help}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as EnsembleCombine)}
        className={className}
      >
        {(Object.keys(OPT.ensembleCombine.choices) as EnsembleCombine[]).map((c) => (
          <option key={c} value={c}>
            {OPT.ensembleCombine.choices[c]}
          </option>
        ))}
      </select>
    </Field>
  );
}
