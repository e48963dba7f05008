'use client';
/**
 * Who is labeling, once labeling has started: a small "Labeling as Ada · change" control that opens the
 * annotator picker in place (and closes again once someone is chosen), so the name form stays out of the
 * way of the pairs. Shared by the pairs and rank workbenches.
 */
import { useState } from 'react';
import { Name } from '@/components/ui/Name';
import { stripBidiControls } from '@/lib/core/display';
import { AnnotatorPicker } from './AnnotatorPicker';

export function LabelingAs({ name, verb = 'Labeling' }: { name: string; verb?: string }) {
  const [open, setOpen] = useState(false);
  if (open)
    return (
      <div className="flex flex-wrap items-end gap-2" data-testid="annotator-toolbar">
        <AnnotatorPicker compact onChosen={() => setOpen(false)} />
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="rounded-md px-2 py-1.5 text-sm text-slate-700 underline hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          Cancel
        </button>
      </div>
    );
  return (
    <p className="flex min-w-0 items-center gap-1 text-sm" data-testid="labeling-as">
      <span className="text-slate-700 dark:text-slate-300">{verb} as</span>{' '}
      <Name name={name} className="font-semibold" />{' '}
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={`Change who is ${verb.toLowerCase()} (now ${stripBidiControls(name)})`}
        className="rounded px-1 text-blue-700 underline hover:bg-slate-100 dark:text-sky-300 dark:hover:bg-slate-800"
      >
        change
      </button>
    </p>
  );
}
