'use client';
/**
 * The /label page's mode switch: "Pairs" (the pairwise workbench) or "Rank" (K-way ranking), as Radix
 * tabs. The choice is remembered in localStorage; it is read with useSyncExternalStore, so the server
 * render and the first client render agree and the remembered tab appears right after hydration.
 */
import { useSyncExternalStore } from 'react';
import { Tabs } from 'radix-ui';
import { LabelWorkbench } from '@/components/label/LabelWorkbench';
import dynamic from 'next/dynamic';

// Ranking mode (dnd-kit and its parts) loads only when the Rank tab is opened, keeping /label's first load light.
const RankWorkbench = dynamic(() => import('./RankWorkbench').then((m) => m.RankWorkbench), {
  ssr: false,
  loading: () => <p>Loading ranking mode…</p>,
});

/** The labeling modes. */
export type LabelMode = 'pairs' | 'rank';

const KEY = 'goodhart-lab-label-mode';
const EVENT = 'goodhart-lab-label-mode';

function read(): LabelMode {
  try {
    return localStorage.getItem(KEY) === 'rank' ? 'rank' : 'pairs';
  } catch {
    return 'pairs';
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

function setMode(mode: LabelMode) {
  try {
    localStorage.setItem(KEY, mode);
  } catch {
    // Storage refused (private window): the switch still works for this page view.
  }
  window.dispatchEvent(new Event(EVENT));
}

const TAB =
  'rounded-t-md border-b-2 px-4 py-2 text-sm font-medium text-slate-700 hover:text-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700 data-[state=active]:border-blue-700 data-[state=active]:text-blue-800 data-[state=inactive]:border-transparent dark:text-slate-300 dark:hover:text-white dark:data-[state=active]:text-blue-300';

/** Tabs "Pairs" / "Rank" over the two labeling workbenches (see the file header). */
export function LabelModeSwitch() {
  const mode = useSyncExternalStore<LabelMode | null>(subscribe, read, () => null);
  return (
    <Tabs.Root value={mode ?? 'pairs'} onValueChange={(v) => setMode(v === 'rank' ? 'rank' : 'pairs')}>
      <Tabs.List
        aria-label="Labeling mode"
        className="mb-4 flex gap-1 border-b border-slate-300 dark:border-slate-700"
      >
        <Tabs.Trigger value="pairs" className={TAB}>
          Pairs
        </Tabs.Trigger>
        <Tabs.Trigger value="rank" className={TAB}>
          Rank
        </Tabs.Trigger>
      </Tabs.List>
      {mode === null ? (
        <p>Loading…</p>
      ) : (
        <>
          <Tabs.Content value="pairs">{mode === 'pairs' && <LabelWorkbench />}</Tabs.Content>
          <Tabs.Content value="rank">{mode === 'rank' && <RankWorkbench />}</Tabs.Content>
        </>
      )}
    </Tabs.Root>
  );
}
