'use client';
/** A labelled dropdown of the stored datasets (live), used wherever a page works on one dataset. */
import { useLiveQuery } from 'dexie-react-hooks';
import { listDatasets } from '@/lib/db/app';
import type { Dataset } from '@/lib/core/types';
import { isolatedName, stripBidiControls } from '@/lib/core/display';
import { Field } from './Field';

export const SELECT_CLASS =
  'mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-500 dark:bg-slate-900';

/** Every stored dataset, oldest first (undefined while loading). */
export function useDatasets(): Dataset[] | undefined {
  return useLiveQuery(listDatasets, []);
}

export function DatasetSelect({
  id,
  value,
  onChange,
  label = 'Dataset',
  describe,
}: {
  id: string;
  value: string;
  onChange: (datasetId: string) => void;
  label?: string;
  /** Extra text after each dataset's name, e.g. its label count. */
  describe?: (d: Dataset) => string;
}) {
  const datasets = useDatasets();
  return (
    <Field id={id} label={label}>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${SELECT_CLASS} max-w-xs`}
      >
        {(datasets ?? []).map((d) => (
          <option key={d.id} value={d.id} title={stripBidiControls(d.name)}>
            {isolatedName(d.name)}
            {describe ? ` ${describe(d)}` : ''}
          </option>
        ))}
      </select>
    </Field>
  );
}
