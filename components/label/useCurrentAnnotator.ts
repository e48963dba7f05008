'use client';
/**
 * The annotator chosen in the UI store, read live from IndexedDB. The result is tagged with the id it was read
 * for, because while a new id loads the live query still returns the previous result. A remembered id whose
 * annotator no longer exists (deleted, another browser profile), or is not a person (an import's
 * pseudo-annotator, a simulated rater), falls back to "nobody chosen".
 */
import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getAnnotator } from '@/lib/db/app';
import { useLabStore } from '@/lib/store';
import { isPerson } from './AnnotatorPicker';

export function useCurrentAnnotator() {
  const annotatorId = useLabStore((s) => s.annotatorId);
  const setAnnotator = useLabStore((s) => s.setAnnotator);
  const row = useLiveQuery(
    async () => ({
      id: annotatorId,
      row: annotatorId ? await getAnnotator(annotatorId) : undefined,
    }),
    [annotatorId],
  );
  const loaded = row !== undefined && row.id === annotatorId;
  const annotator = loaded && row.row && isPerson(row.row) ? row.row : undefined;
  useEffect(() => {
    if (annotatorId && loaded && !annotator) setAnnotator(null);
  }, [annotator, annotatorId, loaded, setAnnotator]);
  return { annotatorId, annotator, loaded };
}
