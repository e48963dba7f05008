'use client';
/**
 * The /join page body: "Your name" and "Join". The join code comes from the link (`?code=`). A taken
 * name shows the room's message and its free suggestion ("Sam (2)") as a one-click choice; any other
 * refusal shows the room's message. Once joined, the identity is remembered (localStorage), the room's
 * dataset and the participant's annotator are installed (IndexedDB), both become the current ones, and
 * the page goes to /label. A browser that already joined is offered to go on labeling.
 */
import { useState } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { Name } from '@/components/ui/Name';
import { useLabStore } from '@/lib/store';
import { roomNameSchema } from '@/lib/core/room/protocol';
import type { RoomIdentity } from '@/lib/core/room/participant';
import { installRoom, requestJoin } from './joinRoom';
import { clearRoomIdentity, saveRoomIdentity, useRoomIdentity } from './roomIdentity';

type Problem = { kind: 'taken'; message: string; suggestion: string } | { kind: 'error'; message: string };

export function JoinForm() {
  const code = (useSearchParams().get('code') ?? '').trim();
  const identity = useRoomIdentity();
  const storageReady = useLabStore((s) => s.storageReady);
  const setAnnotator = useLabStore((s) => s.setAnnotator);
  const setDataset = useLabStore((s) => s.setDataset);
  const router = useRouter();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const enter = async (who: RoomIdentity) => {
    const refused = await installRoom(who);
    if (refused) {
      setProblem({ kind: 'error', message: refused });
      return;
    }
    setDataset(who.datasetId);
    setAnnotator(who.participantId);
    router.push('/label');
  };

  const join = async (asName: string) => {
    const checked = roomNameSchema.safeParse(asName);
    if (!checked.success) {
      setProblem({ kind: 'error', message: `Your name: ${checked.error.issues[0].message}.` });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const answer = await requestJoin(code, checked.data);
      if (answer.kind === 'taken') setProblem(answer);
      else if (answer.kind === 'refused') setProblem({ kind: 'error', message: answer.message });
      else {
        saveRoomIdentity(answer.identity);
        await enter(answer.identity);
      }
    } catch (e) {
      setProblem({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const resume = async (who: RoomIdentity) => {
    setBusy(true);
    setProblem(null);
    try {
      await enter(who);
    } catch (e) {
      setProblem({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const problemView = problem && (
    <div
      role="alert"
      className="rounded-md border border-amber-600 bg-amber-50 p-3 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
    >
      <p>{problem.message}</p>
      {problem.kind === 'taken' && (
        <Button className="mt-2" disabled={busy} onClick={() => void join(problem.suggestion)}>
          Join as {problem.suggestion}
        </Button>
      )}
    </div>
  );

  if (identity)
    return (
      <section className="max-w-md space-y-4">
        <h1 className="text-2xl font-semibold">You are in the room</h1>
        <p>
          This browser joined as <Name name={identity.name} />. Your labels stay in this browser and go to the
          room.
        </p>
        <div className="flex gap-2">
          <Button variant="primary" disabled={busy || !storageReady} onClick={() => void resume(identity)}>
            Continue labeling
          </Button>
          <Button disabled={busy} onClick={clearRoomIdentity}>
            Join as someone else
          </Button>
        </div>
        {problemView}
      </section>
    );

  return (
    <section className="max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">Join the room</h1>
      {code ? (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void join(name);
          }}
        >
          <Field id="room-name" label="Your name">
            <input
              id="room-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="nickname"
              className="mt-1 w-full rounded border border-slate-400 px-2 py-1.5 dark:bg-slate-900"
            />
          </Field>
          <Button type="submit" variant="primary" disabled={busy || !storageReady}>
            Join
          </Button>
        </form>
      ) : (
        <p role="alert">
          This link has no join code. Open the join link the facilitator shows (it ends in{' '}
          <code>/join?code=…</code>) or scan the QR code.
        </p>
      )}
      {problemView}
    </section>
  );
}
