'use client';
/**
 * The glue the labeling and ranking hooks share around their pure `step` (lib/core/labeling/session.ts,
 * rank-session.ts): the machine that holds the one state (rendered with useSyncExternalStore, read by key
 * handlers between renders through the same machine), the tab channel for the annotator and dataset (hello on
 * open, bye on pagehide and close), the load, and how a write's end is told back to the step.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { loadPool } from '@/lib/db/app';
import { AlreadyDecidedError, StorageError, toStorageProblem } from '@/lib/db/errors';
import { indexPoolInSteps } from '@/lib/core/labeling/next-pair';
import type { SessionEffect, SessionEvent } from '@/lib/core/labeling/tab-session';
import { sessionKey } from '@/lib/core/labeling/tab-claims';
import { useLabStore } from '@/lib/store';
import { requestPersistenceOnce } from '@/components/storage';
import { openTabSync, TAB_ID, type TabSync } from './tabSync';

type Step<S, E, F> = (s: S, e: E) => { state: S; effects: F[] };

/** A state, the step that changes it, and the effects every step's caller runs (posts, persistence). */
class Machine<S, E, F extends { type: string }, M extends { tab: string }> {
  private listeners = new Set<() => void>();
  /** The open channel to the other tabs (a resource, not state). */
  private sync: TabSync<M> | null = null;

  constructor(
    private state: S,
    private readonly stepFn: Step<S, E, F>,
  ) {}

  get = (): S => this.state;

  /** Carry posts over this channel (null: none, e.g. after it closed). */
  attach = (sync: TabSync<M> | null): void => {
    this.sync = sync;
  };

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  /** Step, tell React, post what the step says; returns the effects so the caller can run its write. */
  dispatch = (e: E): F[] => {
    const { state, effects } = this.stepFn(this.state, e);
    const changed = state !== this.state;
    this.state = state;
    for (const f of effects) {
      if (isPost<M>(f)) this.sync?.post(f.message);
      else if (f.type === 'persist') void requestPersistenceOnce();
    }
    if (changed) for (const l of this.listeners) l();
    return effects;
  };
}

function isPost<M>(f: { type: string }): f is { type: 'post'; message: M } {
  return f.type === 'post';
}

/**
 * What a session loads: the dataset's pool indexed in slices (lib/core/labeling/next-pair.ts) beside the
 * annotator's own record of it (`mine`: history or ranked prompts), as the fields of a `loaded` event.
 */
export async function loadIndexed<H>(annotatorId: string, datasetId: string, mine: Promise<H>) {
  const [{ prompts, responses }, got] = await Promise.all([loadPool(datasetId), mine]);
  const { pool, promptById, responseById } = await indexPoolInSteps(prompts, responses);
  return {
    loaded: {
      type: 'loaded' as const,
      key: sessionKey(annotatorId, datasetId),
      prompts: promptById,
      responses: responseById,
      pool,
    },
    mine: got,
  };
}

const problemOf = (e: unknown) => (e instanceof StorageError ? e.problem : toStorageProblem(e));

/**
 * One session: `step` over events `E` (which include the shared {@link SessionEvent}s), opened for the
 * annotator on the dataset, loaded by `load` (a module-level function: it reads through lib/db/app.ts).
 * Returns the state (null session until loaded for this annotator and dataset), `dispatch`, `settle` (runs
 * a write and tells the step how it ended) and the load error.
 */
export function useTabSession<
  S extends { key: string },
  E,
  F extends { type: string },
  M extends { tab: string },
>(
  channelName: string,
  initial: () => S,
  step: Step<S, E | SessionEvent<M>, F | SessionEffect<M>>,
  load: (annotatorId: string, datasetId: string, now: () => number) => Promise<E>,
  annotatorId: string | null,
  datasetId: string,
) {
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const [machine] = useState(
    () => new Machine<S, E | SessionEvent<M>, F | SessionEffect<M>, M>(initial(), step),
  );
  const state = useSyncExternalStore(machine.subscribe, machine.get, machine.get);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (!annotatorId) return;
    const channel = openTabSync<M>(channelName, (message) =>
      machine.dispatch({ type: 'message', message, now: Date.now() }),
    );
    machine.attach(channel);
    machine.dispatch({ type: 'opened', annotatorId, datasetId, tab: TAB_ID });
    const bye = () => machine.dispatch({ type: 'closing' });
    window.addEventListener('pagehide', bye);
    let cancelled = false;
    load(annotatorId, datasetId, () => Date.now()).then(
      (loaded) => {
        if (cancelled) return;
        machine.dispatch(loaded);
        setLoadError(null);
      },
      (e: unknown) => {
        if (!cancelled) setLoadError(problemOf(e).message);
      },
    );
    return () => {
      cancelled = true;
      bye();
      window.removeEventListener('pagehide', bye);
      channel?.close();
      machine.attach(null);
    };
  }, [annotatorId, datasetId, channelName, machine, load]);

  /**
   * Run the write the last event asked for, then tell the step it is stored (or, when another tab decided
   * first, refused with the store's message; any other failure is shown as a storage problem). Resolves
   * with the write's result, or null when it did not store.
   */
  const settle = useCallback(
    async <T>(write: Promise<T> | null, done: (result: T) => E | SessionEvent<M>): Promise<T | null> => {
      if (!write) return null;
      try {
        const result = await write;
        machine.dispatch(done(result));
        return result;
      } catch (e) {
        if (e instanceof AlreadyDecidedError) {
          machine.dispatch({ type: 'refused', message: e.message, now: Date.now() });
          return null;
        }
        machine.dispatch({ type: 'failed' });
        setProblem(problemOf(e));
        return null;
      }
    },
    [machine, setProblem],
  );

  const key = annotatorId ? sessionKey(annotatorId, datasetId) : null;
  return { state: state.key === key ? state : null, dispatch: machine.dispatch, settle, loadError };
}
