'use client';
/**
 * Owns the import worker (lib/workers/import.worker.ts) through comlink. Cancel terminates the worker, which
 * stops parsing or aborts the pending transaction (IndexedDB rolls it back), and a fresh worker is made.
 */
import { useCallback, useEffect, useRef } from 'react';
import * as Comlink from 'comlink';
import type { ImportWorkerApi } from '@/lib/workers/import-api';

export function useImportWorker() {
  const ref = useRef<{ worker: Worker; api: Comlink.Remote<ImportWorkerApi> } | null>(null);

  const get = useCallback(() => {
    if (!ref.current) {
      const worker = new Worker(new URL('../../lib/workers/import.worker.ts', import.meta.url));
      ref.current = { worker, api: Comlink.wrap<ImportWorkerApi>(worker) };
    }
    return ref.current.api;
  }, []);

  const cancel = useCallback(() => {
    ref.current?.worker.terminate();
    ref.current = null;
  }, []);

  useEffect(() => () => ref.current?.worker.terminate(), []);

  return { get, cancel };
}

export { Comlink };
