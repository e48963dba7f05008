'use client';
/** The inspection worker for /inspect (comlink), created once per page visit and terminated on leave. */
import { useEffect, useRef } from 'react';
import * as Comlink from 'comlink';
import type { InspectWorkerApi } from '@/lib/workers/inspect-api';

export function useInspectWorker() {
  const ref = useRef<{ worker: Worker; api: Comlink.Remote<InspectWorkerApi> } | null>(null);
  useEffect(() => () => ref.current?.worker.terminate(), []);
  return () => {
    if (!ref.current) {
      const worker = new Worker(new URL('../../lib/workers/inspect.worker.ts', import.meta.url));
      ref.current = { worker, api: Comlink.wrap<InspectWorkerApi>(worker) };
    }
    return ref.current.api;
  };
}
