/**
 * The training worker's logic, separate from the `self.onmessage` wiring so it can be tested in Node:
 * chooses a backend once (announced with a `backend` event), runs `train` requests with per-request
 * AbortControllers, and answers each with `done`, `error` or `cancelled`.
 */
import { chooseBackend } from '../ml/backend';
import type { Command, Event } from './train-protocol';
import { train } from '../ml/train';
import { trainOnLabels } from '../ml/label-training';

/** Creates a command handler that reports through `post`; `pickBackend` defaults to chooseBackend. */
export function createWorkerHandler(
  post: (event: Event) => void,
  pickBackend: () => Promise<string> = chooseBackend,
): (cmd: Command) => Promise<void> {
  let backend: Promise<string> | undefined;
  const running = new Map<number, AbortController>();
  return async (cmd) => {
    if (cmd.type === 'cancel') {
      running.get(cmd.requestId)?.abort();
      return;
    }
    const { requestId } = cmd;
    const ctl = new AbortController();
    running.set(requestId, ctl);
    try {
      if (!backend) {
        backend = pickBackend();
        post({ type: 'backend', name: await backend });
      }
      await backend;
      const onEpoch = (progress: Parameters<NonNullable<Parameters<typeof train>[2]>>[0]) =>
        post({ type: 'epoch', requestId, progress });
      if (cmd.type === 'trainLabels') {
        const result = await trainOnLabels(cmd.input, cmd.config, onEpoch, ctl.signal);
        post({
          type: 'done',
          requestId,
          model: result.model,
          history: result.history,
          backend: result.backend,
          evaluation: result.evaluation,
          labelIds: result.labelIds,
        });
        return;
      }
      const result = await train(cmd.data, cmd.config, onEpoch, { signal: ctl.signal });
      post({
        type: 'done',
        requestId,
        model: result.model,
        history: result.history,
        backend: result.backend,
      });
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') post({ type: 'cancelled', requestId });
      else post({ type: 'error', requestId, message: e instanceof Error ? e.message : String(e) });
    } finally {
      running.delete(requestId);
    }
  };
}
