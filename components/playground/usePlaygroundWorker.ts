'use client';
/**
 * Owns the playground worker (lib/workers/sweep.worker.ts) through comlink: created on first use, terminated
 * when the page unmounts. TF.js stays in the worker; the page sees only plain objects.
 */
import { useCallback, useEffect, useRef } from 'react';
import * as Comlink from 'comlink';
import type { PlaygroundWorkerApi } from '@/lib/workers/sweep.worker';

/** The worker's API, created lazily, and a cleanup on unmount. */
export function usePlaygroundWorker(): () => Comlink.Remote<PlaygroundWorkerApi> {
  const ref = useRef<{ worker: Worker; api: Comlink.Remote<PlaygroundWorkerApi> } | null>(null);
  useEffect(() => () => ref.current?.worker.terminate(), []);
  return useCallback(() => {
    if (!ref.current) {
      const worker = new Worker(new URL('../../lib/workers/sweep.worker.ts', import.meta.url));
      ref.current = { worker, api: Comlink.wrap<PlaygroundWorkerApi>(worker) };
    }
    return ref.current.api;
  }, []);
}

export { Comlink };
