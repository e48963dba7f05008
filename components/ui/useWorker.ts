'use client';
/**
 * The one way the page owns a Web Worker: a typed comlink Remote over a worker created on first use.
 * `useWorker(spawn)` ties it to a component (terminated on unmount); `lazyWorker(spawn)` is the same handle
 * for a worker that outlives pages (the app-wide training session). `spawn` must contain the literal
 * `new Worker(new URL('…/x.worker.ts', import.meta.url))` at the call site, so the bundler finds the worker,
 * and no `{ type: 'module' }` (Turbopack strips it).
 */
import { useEffect, useState } from 'react';
import * as Comlink from 'comlink';

/** What a spawned worker must offer: a comlink endpoint that can be terminated (a `Worker`). */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

/** A worker created on first `get()`, with its typed comlink API. */
export interface WorkerHandle<Api> {
  /** The worker's API; creates the worker on first call, and again after `terminate()`. */
  get(): Comlink.Remote<Api>;
  /** Kills the worker if there is one (calls in flight never settle); the next `get()` makes a fresh one. */
  terminate(): void;
}

/** A handle on the worker `spawn` creates, created only when first used. */
export function lazyWorker<Api>(spawn: () => WorkerLike): WorkerHandle<Api> {
  let current: { worker: WorkerLike; api: Comlink.Remote<Api> } | null = null;
  return {
    get() {
      if (!current) {
        const worker = spawn();
        current = { worker, api: Comlink.wrap<Api>(worker) };
      }
      return current.api;
    },
    terminate() {
      current?.worker.terminate();
      current = null;
    },
  };
}

/** A worker for the life of the calling component: created on first `get()`, terminated on unmount. */
export function useWorker<Api>(spawn: () => WorkerLike): WorkerHandle<Api> {
  // The first render's factory is kept: the worker's script never changes between renders.
  const [handle] = useState(() => lazyWorker<Api>(spawn));
  useEffect(() => () => handle.terminate(), [handle]);
  return handle;
}
