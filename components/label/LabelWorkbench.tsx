'use client';
/**
 * The /label page body: a prompt, two responses side by side, one key per decision, a rationale field,
 * progress, the help overlay and the optional gold reveal.
 */
import { useEffect, useRef, useState } from 'react';
import Link from 'next/link';
import { Switch } from 'radix-ui';
import { useLabStore } from '@/lib/store';
import type { Outcome, Response, Strength } from '@/lib/core/types';
import { Markdown } from '@/components/Markdown';
import { Button, Kbd } from '@/components/ui/Button';
import { AnnotatorPicker } from './AnnotatorPicker';
import { ShortcutHelp } from './ShortcutHelp';
import { actionForKey } from './shortcuts';
import { useLabelingSession, type LastDecision } from './useLabelingSession';
import { RevealPanel } from './RevealPanel';
import { usePolicyRewards } from './usePolicyRewards';
import { useTrainingStore } from '@/lib/store/training';
import { NEXT_PAIR_POLICIES, type PolicyName } from '@/lib/core/labeling/policies';
import { DatasetSelect } from '@/components/ui/DatasetSelect';
import { useCurrentAnnotator } from './useCurrentAnnotator';
import { LoadError, SessionProgress, TabConflict, useSessionDataset, WhoIsLabeling } from './SessionParts';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function LabelWorkbench() {
  const { datasetId, setDataset } = useSessionDataset();
  const reveal = useLabStore((s) => s.reveal);
  const setReveal = useLabStore((s) => s.setReveal);
  const helpOpen = useLabStore((s) => s.helpOpen);
  const setHelpOpen = useLabStore((s) => s.setHelpOpen);
  const { annotatorId, annotator, loaded: annotatorLoaded } = useCurrentAnnotator();
  const policy = useLabStore((s) => s.policy);
  const setPolicy = useLabStore((s) => s.setPolicy);
  const auditShare = useLabStore((s) => s.auditShare);
  const setAuditShare = useLabStore((s) => s.setAuditShare);
  const activeRunId = useTrainingStore((s) => s.activeRunId);
  const policyRewards = usePolicyRewards(policy, datasetId, activeRunId);
  const { session, loadError, decide, undo, repick } = useLabelingSession(
    datasetId,
    annotator ? annotatorId : null,
    {
      policy,
      auditShare,
      rewards: policyRewards.value?.rewards ?? null,
      gold: policyRewards.value?.gold ?? null,
    },
  );
  const [rationale, setRationale] = useState('');
  const [status, setStatus] = useState('');
  const rationaleRef = useRef(rationale);
  const handlers = useRef({ decide, undo, setHelpOpen, helpOpen });

  useEffect(() => {
    rationaleRef.current = rationale;
    handlers.current = { decide, undo, setHelpOpen, helpOpen };
  });

  // When the policy's model scores arrive (or the policy changes), the pair on screen follows the new policy.
  const policyKey = `${policy}|${policyRewards.value?.key ?? ''}`;
  useEffect(() => {
    repick();
  }, [policyKey, repick]);

  async function judge(outcome: Outcome, strength?: Strength) {
    const ok = await handlers.current.decide({
      kind: 'judge',
      outcome,
      strength,
      rationale: rationaleRef.current,
    });
    if (ok) {
      setRationale('');
      setStatus(`Saved: ${describe(outcome, strength)}.`);
    }
  }
  async function skip() {
    if (await handlers.current.decide({ kind: 'skip' })) setStatus('Skipped.');
  }
  async function doUndo() {
    if (await handlers.current.undo()) setStatus('Undone: the last decision was removed.');
    else setStatus('Nothing to undo.');
  }

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.repeat || e.defaultPrevented) return;
      if (isTyping(e.target)) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur();
        return;
      }
      const action = actionForKey(e);
      if (!action) return;
      if (handlers.current.helpOpen && action.kind !== 'help') return;
      e.preventDefault();
      if (action.kind === 'help') handlers.current.setHelpOpen(!handlers.current.helpOpen);
      else if (action.kind === 'undo') void doUndo();
      else if (action.kind === 'skip') void skip();
      else void judge(action.outcome, action.strength);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // judge/skip/doUndo read everything through refs, so the listener is installed once.
  }, []);

  if (annotatorId && !annotatorLoaded) return <p>Loading…</p>;
  if (!annotatorId || !annotator) {
    return (
      <WhoIsLabeling id="who" title="Who is labeling?">
        Each workshop participant labels under their own name, so the room&apos;s labels can be compared and
        merged later. Your labels stay in this browser until you export them.
      </WhoIsLabeling>
    );
  }

  const prompt = session?.current ? session.prompts.get(session.current.promptId) : undefined;
  const left = session?.current ? session.responses.get(session.current.leftId) : undefined;
  const right = session?.current ? session.responses.get(session.current.rightId) : undefined;
  const total = session?.planner.totalPairs ?? 0;
  const labeled = session?.own.length ?? 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="sr-only">Label pairs</h1>
        <DatasetSelect id="dataset-select" value={datasetId} onChange={setDataset} />
        <AnnotatorPicker compact />
        <div className="flex items-center gap-2">
          <Switch.Root
            id="reveal"
            checked={reveal}
            onCheckedChange={setReveal}
            className="relative h-6 w-11 rounded-full bg-slate-400 data-[state=checked]:bg-blue-700"
          >
            <Switch.Thumb className="block h-5 w-5 translate-x-0.5 rounded-full bg-white transition-transform data-[state=checked]:translate-x-[22px]" />
          </Switch.Root>
          <label htmlFor="reveal" className="text-sm font-medium">
            Reveal gold after each judgment
          </label>
        </div>
        <Button onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
          Shortcuts <Kbd>?</Kbd>
        </Button>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">
          Labeling options: next-pair policy, self-audit
        </summary>
        <div className="mt-2 flex flex-wrap items-end gap-6">
          <div>
            <label htmlFor="policy-select" className="block font-medium">
              Next pair
            </label>
            <select
              id="policy-select"
              value={policy}
              onChange={(e) => setPolicy(e.target.value as PolicyName)}
              className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 dark:bg-slate-900"
            >
              {NEXT_PAIR_POLICIES.map((p) => (
                <option key={p.name} value={p.name} disabled={p.needsModel && !activeRunId}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-select" className="block font-medium">
              Self-audit
            </label>
            <select
              id="audit-select"
              value={String(auditShare)}
              onChange={(e) => setAuditShare(Number(e.target.value))}
              className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 dark:bg-slate-900"
            >
              <option value="0">Off</option>
              <option value="0.1">Re-show 10% of labeled pairs, sides swapped</option>
              <option value="0.2">Re-show 20% of labeled pairs, sides swapped</option>
            </select>
          </div>
          <p className="max-w-md text-xs text-slate-700 dark:text-slate-300">
            Uncertainty and disagreement use the active reward model (from /train). Self-audit silently
            re-shows some of your pairs with the sides swapped; /data reports your self-consistency and
            position bias.
          </p>
        </div>
        <p className="mt-1" aria-live="polite" data-testid="policy-state">
          {policyRewards.status ||
            (policy !== 'coverage' && policyRewards.value
              ? `Choosing pairs by ${policy} with “${policyRewards.value.modelName}”.`
              : '')}
        </p>
      </details>

      <SessionProgress
        testId="progress"
        label="Labeling progress"
        done={labeled}
        total={total}
        text={`${labeled} labeled / ${total} pairs available`}
        name={annotator?.name}
      />

      <LoadError message={loadError} />
      {!session && !loadError && <p>Loading pairs…</p>}
      {session && !session.current && (
        <section className="rounded-lg border border-green-700 p-6" data-testid="all-done">
          <h2 className="text-xl font-semibold">Everything is labeled.</h2>
          <p className="mt-2">
            You have judged or skipped every pair in this dataset ({labeled} labels). Next:{' '}
            <Link className="underline" href="/train">
              train a reward model on them
            </Link>
            , or press <Kbd>U</Kbd> to undo the last one.
          </p>
        </section>
      )}
      {session?.current && prompt && left && right && (
        <>
          <section
            aria-label="Prompt"
            data-testid="pair"
            data-pair={`${left.id}|${right.id}`}
            className="rounded-lg border border-slate-300 bg-slate-50 p-4 dark:border-slate-700 dark:bg-slate-900"
          >
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
              {prompt.category} · prompt
            </p>
            <div className="mt-1 text-lg">
              <Markdown text={prompt.text} />
            </div>
          </section>
          <div className="grid gap-4 md:grid-cols-2">
            <ResponseCard side="Left" keyHint="1" response={left} onPick={(s) => judge('a', s)} />
            <ResponseCard side="Right" keyHint="2" response={right} onPick={(s) => judge('b', s)} />
          </div>
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Decision">
            <Button onClick={() => judge('tie')}>
              Tie <Kbd>T</Kbd>
            </Button>
            <Button onClick={() => judge('both_bad')}>
              Both bad <Kbd>B</Kbd>
            </Button>
            <Button onClick={() => skip()}>
              Skip <Kbd>S</Kbd>
            </Button>
            <Button onClick={() => doUndo()}>
              Undo <Kbd>U</Kbd>
            </Button>
            <div className="ml-auto min-w-[16rem] flex-1">
              <label htmlFor="rationale" className="sr-only">
                Rationale (optional)
              </label>
              <textarea
                id="rationale"
                value={rationale}
                onChange={(e) => setRationale(e.target.value)}
                rows={1}
                placeholder="Why? (optional; Esc to leave the field)"
                className="w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-500 dark:bg-slate-900"
              />
            </div>
          </div>
        </>
      )}
      <p className="sr-only" aria-live="polite" data-testid="status">
        {status}
      </p>
      {reveal && session?.last && <RevealPanel last={session.last} responses={session.responses} />}
      {session?.undone && <UndoneNote undone={session.undone} />}
      <TabConflict testId="tab-conflict" message={session?.refused ?? null} />
      <ShortcutHelp open={helpOpen} onOpenChange={setHelpOpen} />
    </div>
  );
}

function describe(outcome: Outcome, strength?: Strength): string {
  const much = strength === 3 ? 'much ' : '';
  return outcome === 'a'
    ? `left ${much}better`
    : outcome === 'b'
      ? `right ${much}better`
      : outcome === 'tie'
        ? 'tie'
        : 'both bad';
}

function UndoneNote({ undone }: { undone: LastDecision }) {
  return (
    <p className="text-sm text-slate-700 dark:text-slate-300">
      Undid your {undone.kind === 'skip' ? 'skip' : `“${describe(undone.outcome ?? 'tie')}”`}: the pair is
      shown again.
    </p>
  );
}

function ResponseCard({
  side,
  keyHint,
  response,
  onPick,
}: {
  side: 'Left' | 'Right';
  keyHint: string;
  response: Response;
  onPick: (strength: Strength) => void;
}) {
  const arrow = side === 'Left' ? '←' : '→';
  return (
    <article
      aria-label={`${side} response`}
      data-testid={`response-${side.toLowerCase()}`}
      className="flex flex-col rounded-lg border border-slate-300 p-4 dark:border-slate-700"
    >
      <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
        {side}
      </h2>
      <div className="flex-1">
        <Markdown text={response.text} />
      </div>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button variant="primary" onClick={() => onPick(2)}>
          {side} better <Kbd>{keyHint}</Kbd> <Kbd>{arrow}</Kbd>
        </Button>
        <Button onClick={() => onPick(3)}>
          {side} much better <Kbd>Shift+{keyHint}</Kbd>
        </Button>
      </div>
    </article>
  );
}
