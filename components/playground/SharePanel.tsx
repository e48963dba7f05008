'use client';
/**
 * Share an experiment: a link whose hash carries the whole config (`/playground#x=…`), a `.json` file
 * to download, and a file to open. Opening either fills the form; running reproduces the same curves.
 */
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { encodeExperimentHash, experimentFileText, parseExperimentText } from '@/lib/core/playground/share';
import type { PlaygroundExperiment } from '@/lib/core/playground/sweep';
import { isolatedName } from '@/lib/core/display';

/** Props of {@link SharePanel}. */
export interface SharePanelProps {
  experiment: PlaygroundExperiment;
  /** An experiment read from an uploaded file. */
  onOpen: (exp: PlaygroundExperiment) => void;
  /** Problems with an uploaded file (one message per problem). */
  onError: (errors: string[]) => void;
}

/** Link, download and upload of the current experiment. */
export function SharePanel({ experiment, onOpen, onError }: SharePanelProps) {
  const [link, setLink] = useState('');
  const [copied, setCopied] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  async function makeLink() {
    const hash = encodeExperimentHash(experiment);
    const url = `${window.location.origin}${window.location.pathname}${hash}`;
    window.history.replaceState(null, '', hash);
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false); // Clipboard refused (permissions, insecure context): the link is shown to copy by hand.
    }
  }

  function download() {
    const blob = new Blob([experimentFileText(experiment)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    const what = experiment.study.kind === 'sweep' ? `sweep-${experiment.study.knob}` : 'active-learning';
    a.download = `goodhart-${what}.experiment.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  async function upload(file: File) {
    const r = parseExperimentText(await file.text());
    if (r.ok) onOpen(r.experiment);
    else onError(r.errors.map((e) => `${isolatedName(file.name)}: ${e}`));
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => void makeLink()}>Copy share link</Button>
        <Button onClick={download}>Download experiment (.json)</Button>
        <Button onClick={() => fileRef.current?.click()}>Open experiment file…</Button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          aria-label="Experiment file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void upload(f);
          }}
        />
      </div>
      {link && (
        <div>
          <label htmlFor="pg-share-link" className="block text-sm font-medium">
            Share link {copied ? '(copied)' : '(copy it from here)'}
          </label>
          <input
            id="pg-share-link"
            data-testid="share-link"
            readOnly
            value={link}
            onFocus={(e) => e.target.select()}
            className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 font-mono text-xs dark:bg-slate-900"
          />
        </div>
      )}
    </div>
  );
}
