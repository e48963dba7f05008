'use client';
/**
 * A number field of the optimiser's settings table (lib/core/goodhart/optimize/settings.ts): its label,
 * min, max and step; typed values are clamped into the range. /optimize's settings and its fix-it lab use it.
 */
import { Field } from '@/components/ui/Field';
import { SELECT_CLASS } from '@/components/ui/DatasetSelect';
import type { OptimizerRange } from '@/lib/core/goodhart/optimize/settings';

export function RangeField({
  id,
  range: { label, min, max, step },
  value,
  onChange,
  disabled,
}: {
  id: string;
  range: Pick<OptimizerRange, 'label' | 'min' | 'max' | 'step'>;
  value: number;
  onChange: (v: number) => void;
  disabled: boolean;
}) {
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v)) onChange(Math.min(max, Math.max(min, v)));
        }}
        className={`${SELECT_CLASS} w-28`}
      />
    </Field>
  );
}
