'use client';
/**
 * Choose who is labeling: pick an existing participant or create a new name. Only people are offered:
 * simulated raters and the pseudo-annotators an import credits a file's labels to ("import: file.jsonl")
 * are not someone to label as.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getOrCreateAnnotator, listAnnotators } from '@/lib/db/app';
import { StorageError } from '@/lib/db/errors';
import { useLabStore } from '@/lib/store';
import { Button } from '@/components/ui/Button';
import { isolatedName, stripBidiControls } from '@/lib/core/display';
import { isImportAnnotatorName } from '@/lib/core/formats/builder';
import type { Annotator } from '@/lib/core/types';

/** Whether an annotator is a person one can label as (not simulated, not an import's pseudo-annotator). */
export function isPerson(a: Pick<Annotator, 'kind' | 'name'>): boolean {
  return a.kind === 'human' && !isImportAnnotatorName(a.name);
}

export function AnnotatorPicker({
  compact = false,
  onChosen,
}: {
  compact?: boolean;
  /** Called after a person is chosen or created (e.g. to collapse the toolbar again). */
  onChosen?: () => void;
}) {
  const annotatorId = useLabStore((s) => s.annotatorId);
  const setAnnotator = useLabStore((s) => s.setAnnotator);
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const annotators = useLiveQuery(listAnnotators, []);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const humans = (annotators ?? []).filter(isPerson);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (!name.trim()) {
      setError('Type your name or a nickname first.');
      return;
    }
    if (isImportAnnotatorName(name.trim())) {
      setError('Names starting with “import:” are kept for the labels that came with imported files.');
      return;
    }
    try {
      const a = await getOrCreateAnnotator(name);
      setAnnotator(a.id);
      setName('');
      onChosen?.();
    } catch (err) {
      if (err instanceof StorageError) setProblem(err.problem);
      else setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <div className={compact ? 'flex flex-wrap items-end gap-3' : 'space-y-4'}>
      {humans.length > 0 && (
        <div>
          <label htmlFor="annotator-select" className="block text-sm font-medium">
            Annotator
          </label>
          <select
            id="annotator-select"
            className="mt-1 max-w-xs rounded-md border border-slate-400 bg-white px-2 py-1.5 dark:border-slate-500 dark:bg-slate-900"
            value={annotatorId ?? ''}
            onChange={(e) => {
              setAnnotator(e.target.value || null);
              if (e.target.value) onChosen?.();
            }}
          >
            <option value="">— choose —</option>
            {humans.map((a) => (
              <option key={a.id} value={a.id} title={stripBidiControls(a.name)}>
                {isolatedName(a.name)}
              </option>
            ))}
          </select>
        </div>
      )}
      <form onSubmit={create} className="flex items-end gap-2">
        <div>
          <label htmlFor="new-annotator" className="block text-sm font-medium">
            {humans.length ? 'Or a new name' : 'Your name'}
          </label>
          <input
            id="new-annotator"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Ada"
            maxLength={60}
            className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 dark:border-slate-500 dark:bg-slate-900"
          />
        </div>
        <Button type="submit" variant="primary">
          Start labeling
        </Button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
