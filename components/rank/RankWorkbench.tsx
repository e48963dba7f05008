'use client';
/**
 * The ranking mode of /label (InstructGPT-style K-way ranking): one prompt, its 3–6 candidates as a
 * vertical sortable list (drag with the mouse, or the keyboard: Space picks up, ↑/↓ move, Space drops),
 * ties by toggle or `=`, Enter submits, U undoes. Each ranking is saved with its C(K,2) pairs before
 * the next prompt appears; progress counts ranked prompts. Submit and undo sit in a bar stuck to the bottom
 * of the window, with the confirmation line, so they are on screen however long the candidates are.
 */
import { useEffect, useRef, useState } from 'react';
import Link from 'next/link';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Markdown } from '@/components/Markdown';
import { Button, Kbd } from '@/components/ui/Button';
import { LabelingAs } from '@/components/label/LabelingAs';
import { STICKY_BAR } from '@/components/label/DecisionBar';
import { ContentWarning, useContentWarning } from '@/components/label/ContentWarningGate';
import { RankList, RankShortcuts, announcements } from './RankList';
import { positionKeyboardCoordinates } from './keyboard-coordinates';
import { rankActionForKey } from './keys';
import { useRankingSession } from './useRankingSession';
import { useCurrentAnnotator } from '@/components/label/useCurrentAnnotator';
import { DatasetSelect } from '@/components/ui/DatasetSelect';
import {
  LoadError,
  SessionProgress,
  TabConflict,
  useSessionDataset,
  WhoIsLabeling,
} from '@/components/label/SessionParts';

// Space only: Enter is the page's "submit", so it must not also pick a candidate up.
const KEYBOARD_CODES = { start: ['Space'], cancel: ['Escape'], end: ['Space'] };

function handles(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-rank-handle]')];
}

function focusHandle(index: number) {
  const all = handles();
  all[Math.max(0, Math.min(index, all.length - 1))]?.focus();
}

/** The ranking page body (see the file header). */
export function RankWorkbench() {
  const { datasetId, setDataset } = useSessionDataset();
  const { annotatorId, annotator, loaded: annotatorLoaded } = useCurrentAnnotator();
  const { session, loadError, move, toggleTie, submit, undo } = useRankingSession(
    datasetId,
    annotator ? annotatorId : null,
  );
  const [status, setStatus] = useState('');
  const dragging = useRef(false);
  const gate = useContentWarning(datasetId);
  const actions = useRef({
    submit,
    undo,
    toggleTie,
    current: session?.current ?? null,
    blocked: gate.blocking,
  });
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: positionKeyboardCoordinates,
      keyboardCodes: KEYBOARD_CODES,
    }),
  );

  useEffect(() => {
    actions.current = { submit, undo, toggleTie, current: session?.current ?? null, blocked: gate.blocking };
  });

  // A new prompt on screen: put the keyboard on its first candidate.
  const shownKey = session?.current ? `${session.current.promptId}|${session.current.shownAt}` : '';
  useEffect(() => {
    if (shownKey) focusHandle(0);
  }, [shownKey]);

  // Both read the latest callbacks through the ref, so the key listener below is installed once.
  async function doSubmit() {
    const r = await actions.current.submit();
    if (r) setStatus(`Saved the ranking (${r.tiers.flat().length} responses, ${r.tiers.length} ranks).`);
  }
  async function doUndo() {
    const r = await actions.current.undo();
    setStatus(r ? 'Undone: the last ranking was removed and is shown again.' : 'Nothing to undo.');
  }

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      // Nothing is ranked or undone behind a dataset's content warning.
      if (e.repeat || e.defaultPrevented || dragging.current || actions.current.blocked) return;
      const action = rankActionForKey(e);
      if (!action) return;
      e.preventDefault();
      const all = handles();
      const at = all.indexOf(e.target as HTMLElement);
      if (action === 'submit') void doSubmit();
      else if (action === 'undo') void doUndo();
      else if (action === 'focus-up') focusHandle(at - 1);
      else if (action === 'focus-down') focusHandle(at + 1);
      else if (action === 'tie') {
        const cur = actions.current.current;
        const id = cur?.order[at];
        if (!cur || !id || at === 0) return;
        actions.current.toggleTie(id);
        setStatus(
          cur.tied.has(id)
            ? `Response ${cur.letters.get(id)} untied.`
            : `Response ${cur.letters.get(id)} tied with the one above.`,
        );
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (annotatorId && !annotatorLoaded) return <p>Loading…</p>;
  if (!annotatorId || !annotator) {
    return (
      <WhoIsLabeling id="who-rank" title="Who is ranking?">
        Each participant ranks under their own name. Your rankings stay in this browser until you export them.
      </WhoIsLabeling>
    );
  }

  const cur = session?.current ?? null;
  const prompt = cur ? session?.prompts.get(cur.promptId) : undefined;
  const rankable = new Set(session?.pool.filter((p) => p.responseIds.length >= 3).map((p) => p.id));
  const done = session ? [...session.ranked].filter((id) => rankable.has(id)).length : 0;
  const total = session?.total ?? 0;
  const warned = gate.blocking && gate.dataset && gate.warning;

  function onDragEnd(e: DragEndEvent) {
    dragging.current = false;
    if (!cur || !e.over || e.active.id === e.over.id) return;
    move(cur.order.indexOf(String(e.active.id)), cur.order.indexOf(String(e.over.id)));
  }

  return (
    <div className="space-y-4">
      <h1 className="sr-only">Rank responses</h1>
      <div className="flex flex-wrap items-end gap-4">
        <DatasetSelect id="rank-dataset-select" value={datasetId} onChange={setDataset} />
        <div className="pb-1.5">
          <LabelingAs name={annotator.name} verb="Ranking" />
        </div>
      </div>

      <SessionProgress
        testId="rank-progress"
        label="Ranking progress"
        done={done}
        total={total}
        text={`${done} ranked / ${total} prompts`}
        name={annotator.name}
      />

      <LoadError message={loadError} />
      {warned ? (
        <ContentWarning dataset={gate.dataset!} warning={gate.warning!} />
      ) : (
        <>
          {!session && !loadError && <p>Loading prompts…</p>}
          {session && !cur && (
            <section className="rounded-lg border border-green-700 p-6" data-testid="rank-all-done">
              <h2 className="text-xl font-semibold">Every prompt is ranked.</h2>
              <p className="mt-2">
                {total === 0
                  ? 'This dataset has no prompt with 3 or more responses to rank.'
                  : `You have ranked all ${total} prompts.`}{' '}
                Next:{' '}
                <Link className="underline" href="/train">
                  train a reward model
                </Link>{' '}
                on the expanded pairs, or press <Kbd>U</Kbd> to undo the last ranking.
              </p>
              {/* With no prompt on screen the bar is gone: U's answer ("Nothing to undo.") is said here. */}
              <p aria-live="polite" data-testid="rank-status" className="mt-2 text-sm">
                {status}
              </p>
            </section>
          )}
          {cur && prompt && (
            <>
              <section
                aria-label="Prompt"
                data-testid="rank-prompt"
                data-prompt-id={prompt.id}
                className="rounded-lg border border-slate-300 bg-slate-50 p-4 dark:border-slate-700 dark:bg-slate-900"
              >
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
                  {prompt.category} · prompt · rank the {cur.order.length} responses, best first
                </p>
                <div className="mt-1 text-lg">
                  <Markdown text={prompt.text} />
                </div>
              </section>
              <DndContext
                sensors={sensors}
                collisionDetection={closestCenter}
                onDragStart={() => (dragging.current = true)}
                onDragCancel={() => (dragging.current = false)}
                onDragEnd={onDragEnd}
                accessibility={{
                  announcements: announcements(cur),
                  screenReaderInstructions: {
                    draggable:
                      'To move a response, press Space. While moving, use the up and down arrow keys, press Space again to drop it, or Escape to cancel.',
                  },
                }}
              >
                <SortableContext items={cur.order} strategy={verticalListSortingStrategy}>
                  <RankList cur={cur} session={session!} toggleTie={toggleTie} />
                </SortableContext>
              </DndContext>
              <div
                className={`${STICKY_BAR} flex flex-wrap items-center gap-2 py-2`}
                role="group"
                aria-label="Ranking"
                data-testid="rank-bar"
              >
                <Button variant="primary" onClick={() => void doSubmit()}>
                  Submit ranking{' '}
                  <span className="hidden sm:inline">
                    <Kbd>Enter</Kbd>
                  </span>
                </Button>
                <Button onClick={() => void doUndo()}>
                  Undo last ranking{' '}
                  <span className="hidden sm:inline">
                    <Kbd>U</Kbd>
                  </span>
                </Button>
                <p aria-live="polite" data-testid="rank-status" className="min-w-0 flex-1 truncate text-sm">
                  {status}
                </p>
              </div>
            </>
          )}
        </>
      )}
      <TabConflict testId="rank-tab-conflict" message={session?.refused ?? null} />
      <RankShortcuts />
    </div>
  );
}
