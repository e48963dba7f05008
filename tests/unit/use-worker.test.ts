// The one worker handle (components/ui/useWorker.ts): the worker is created on first use only, reused after,
// wrapped as a typed comlink Remote, terminated on request, and created afresh on the next use.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyWorker, type WorkerLike } from '../../components/ui/useWorker';

interface EchoApi {
  echo(s: string): Promise<string>;
}

let ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports) p.close();
  ports = [];
});

/** A fake Worker: a MessageChannel whose far end exposes EchoApi, tagged with its serial number. */
function spawner() {
  const log = { spawned: 0, terminated: [] as number[] };
  const spawn = (): WorkerLike => {
    const n = ++log.spawned;
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    Comlink.expose({ echo: async (s: string) => `${n}:${s}` } satisfies EchoApi, port1);
    return Object.assign(port2, { terminate: () => void log.terminated.push(n) });
  };
  return { log, spawn };
}

describe('lazyWorker', () => {
  it('creates the worker on first use and reuses it', async () => {
    const { log, spawn } = spawner();
    const handle = lazyWorker<EchoApi>(spawn);
    expect(log.spawned).toBe(0);
    expect(await handle.get().echo('a')).toBe('1:a');
    expect(await handle.get().echo('b')).toBe('1:b');
    expect(log.spawned).toBe(1);
  });

  it('terminates the worker and makes a fresh one on the next use', async () => {
    const { log, spawn } = spawner();
    const handle = lazyWorker<EchoApi>(spawn);
    handle.terminate(); // nothing to terminate yet
    expect(log).toEqual({ spawned: 0, terminated: [] });
    await handle.get().echo('a');
    handle.terminate();
    handle.terminate();
    expect(log.terminated).toEqual([1]);
    expect(await handle.get().echo('c')).toBe('2:c');
    expect(log.spawned).toBe(2);
  });
});
