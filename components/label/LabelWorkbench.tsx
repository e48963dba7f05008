'use client';
/**
 * The /label page body (pairs mode): the toolbar, progress, the dataset's content warning until it is
 * acknowledged, the prompt and two responses in their own scrolling panes, the sticky decision bar (every
 * decision and its key, the Saved/Undone line, the gold of the pair just judged), the optional rationale,
 * the strip of recent decisions with undo, and the help overlay.
 */
import { useEffect, useRef, useState } from 'react';
import Link from 'next/link';
import { useLabStore } from '@/lib/store';
import type { Outcome, Strength } from '@/lib/core/types';
import { Kbd } from '@/components/ui/Button';
import { ShortcutHelp } from './ShortcutHelp';
import { actionForKey } from './shortcuts';
import { useLabelingSession, type LastDecision } from './useLabelingSession';
import { RevealPanel } from './RevealPanel';
import { usePolicyRewards } from './usePolicyRewards';
import { useTrainingStore } from '@/lib/store/training';
import { useCurrentAnnotator } from './useCurrentAnnotator';
import { LoadError, SessionProgress, TabConflict, useSessionDataset, WhoIsLabeling } from './SessionParts';
import { DecisionBar } from './DecisionBar';
import { PairPanes } from './PairPanes';
import { RecentDecisions } from './RecentDecisions';
import { LabelToolbar } from './LabelToolbar';
import { ContentWarning, useContentWarning } from './ContentWarningGate';
import { useFlash } from './useFlash';
import { describeDecision, describeOutcome, promptExcerpt } from './words';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The opening words of the prompt of the pair on screen (named by the Saved line). */
function shownExcerpt(s: ReturnType<typeof useLabelingSession>['session']): string {
  return promptExcerpt(s?.current ? s.prompts.get(s.current.promptId)?.text : undefined);
}

export function LabelWorkbench() {
  const { datasetId, setDataset } = useSessionDataset();
  const reveal = useLabStore((s) => s.reveal);
  const helpOpen = useLabStore((s) => s.helpOpen);
  const setHelpOpen = useLabStore((s) => s.setHelpOpen);
  const { annotatorId, annotator, loaded: annotatorLoaded } = useCurrentAnnotator();
  const policy = useLabStore((s) => s.policy);
  const auditShare = useLabStore((s) => s.auditShare);
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
  const gate = useContentWarning(datasetId);
  const [rationale, setRationale] = useState('');
  const [together, setTogether] = useState(false);
  const { flash, fresh, show } = useFlash();
  const current = { decide, undo, setHelpOpen, helpOpen, rationale, session, blocked: gate.blocking, show };
  const live = useRef(current);

  useEffect(() => {
    live.current = current;
  });

  // When the policy's model scores arrive (or the policy changes), the pair on screen follows the new policy.
  const policyKey = `${policy}|${policyRewards.value?.key ?? ''}`;
  useEffect(() => {
    repick();
  }, [policyKey, repick]);

  async function judge(outcome: Outcome, strength?: Strength) {
    if (live.current.blocked) return;
    const excerpt = shownExcerpt(live.current.session);
    const ok = await live.current.decide({
      kind: 'judge',
      outcome,
      strength,
      rationale: live.current.rationale,
    });
    if (ok) {
      setRationale('');
      live.current.show('saved', `Saved: ${describeOutcome(outcome, strength)} on “${excerpt}”.`);
    }
  }
  async function skip() {
    if (live.current.blocked) return;
    const excerpt = shownExcerpt(live.current.session);
    if (await live.current.decide({ kind: 'skip' }))
      live.current.show('saved', `Saved: skipped “${excerpt}” (not used for training).`);
  }
  async function doUndo(target?: LastDecision) {
    if (live.current.blocked) return;
    const removed = await live.current.undo(target ? { kind: target.kind, id: target.id } : undefined);
    if (!removed) {
      live.current.show(
        'info',
        target ? 'That decision was already undone (in another tab?).' : 'Nothing to undo.',
      );
      return;
    }
    const r = removed.record;
    const what = describeDecision({
      kind: removed.kind,
      outcome: removed.kind === 'comparison' ? removed.record.outcome : undefined,
      strength: removed.kind === 'comparison' ? removed.record.strength : undefined,
    });
    const excerpt = promptExcerpt(live.current.session?.prompts.get(r.promptId)?.text);
    live.current.show('undone', `Undone: “${what}” on “${excerpt}”; that pair is shown again.`);
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
      if (live.current.helpOpen && action.kind !== 'help') return;
      e.preventDefault();
      if (action.kind === 'help') live.current.setHelpOpen(!live.current.helpOpen);
      else if (action.kind === 'undo') void doUndo();
      else if (action.kind === 'skip') void skip();
      else void judge(action.outcome, action.strength);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // judge/skip/doUndo read everything through `live`, so the listener is installed once.
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
  const policyState =
    policyRewards.status ||
    (policy !== 'coverage' && policyRewards.value
      ? `Choosing pairs by ${policy} with “${policyRewards.value.modelName}”.`
      : '');
  const warned = gate.blocking && gate.dataset && gate.warning;

  return (
    <div className="space-y-3">
      <h1 className="sr-only">Label pairs</h1>
      <LabelToolbar
        datasetId={datasetId}
        setDataset={setDataset}
        name={annotator.name}
        together={together}
        setTogether={setTogether}
        policyState={policyState}
      />
      <SessionProgress
        testId="progress"
        label="Labeling progress"
        done={labeled}
        total={total}
        text={`${labeled} labeled / ${total} pairs available`}
        name={annotator.name}
      />

      <LoadError message={loadError} />
      {warned ? (
        <ContentWarning dataset={gate.dataset!} warning={gate.warning!} />
      ) : (
        <>
          {!session && !loadError && <p>Loading pairs…</p>}
          <TabConflict testId="tab-conflict" message={session?.refused ?? null} />
          {session && (
            <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_15rem]">
              <div className="min-w-0 space-y-3">
                {!session.current && (
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
                {session.current && prompt && left && right && (
                  <>
                    <PairPanes prompt={prompt} left={left} right={right} together={together} />
                    <div>
                      <label htmlFor="rationale" className="sr-only">
                        Rationale (optional)
                      </label>
                      <textarea
                        id="rationale"
                        value={rationale}
                        onChange={(e) => setRationale(e.target.value)}
                        rows={1}
                        placeholder="Why? (optional; Esc to leave the field)"
                        className="block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-500 dark:bg-slate-900"
                      />
                    </div>
                  </>
                )}
                <DecisionBar
                  canDecide={Boolean(session.current)}
                  onJudge={(o, s) => void judge(o, s)}
                  onSkip={() => void skip()}
                  onUndo={() => void doUndo()}
                  flash={flash}
                  fresh={fresh}
                  reveal={
                    reveal && session.last ? (
                      <RevealPanel
                        last={session.last}
                        prompts={session.prompts}
                        responses={session.responses}
                      />
                    ) : null
                  }
                />
              </div>
              <aside className="min-w-0 xl:sticky xl:top-4 xl:self-start">
                <RecentDecisions
                  recent={session.recent}
                  prompts={session.prompts}
                  responses={session.responses}
                  reveal={reveal}
                  busy={false}
                  onUndo={(d) => void doUndo(d)}
                />
              </aside>
            </div>
          )}
        </>
      )}
      <ShortcutHelp open={helpOpen} onOpenChange={setHelpOpen} />
    </div>
  );
}
