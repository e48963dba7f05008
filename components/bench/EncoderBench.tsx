'use client';
/**
 * The /bench sentence-encoder harness (used by tests/e2e/encoder.spec.ts and tests/bench/encoder-browser.bench.ts,
 * not linked from the navigation): embeds the texts of a box, one per line, through `embedInBrowser`
 * (IndexedDB cache, then the encoder worker, which downloads the model on first use) with a progress bar
 * and a cancel button, and prints what came back: dimensions, norms, cache hits, the runtime. "Throughput"
 * embeds 96 fresh 80-word paragraphs, "Throughput (demo responses)" the demo pack's responses, each text
 * prefixed by a new nonce per run so none is in the cache.
 */
import { useRef, useState } from 'react';
import { embedInBrowser, type EmbedProgress, type EncoderInfo } from '@/lib/workers/encoder-api';
import { Button } from '@/components/ui/Button';
import { DEMO_URL } from '@/lib/core/demo';
import type { DatasetFile } from '@/lib/core/types';

/** What one run printed, also as the `data-result` JSON of the result line. */
export interface EncoderBenchResult {
  texts: number;
  dims: number[];
  norms: number[];
  /** The first 4 values of each embedding (to compare runs). */
  heads: number[][];
  hits: number;
  computed: number;
  info: EncoderInfo | null;
  wallMs: number;
  problems: string[];
}

const WORDS =
  'the quick brown fox jumps over a lazy dog while farmers watch the sky and wonder about rain'.split(' ');

/** `n` 80-word paragraphs, each starting with `nonce` and its index (so none is in the cache). */
function paragraphs(n: number, nonce: string): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      `${nonce} ${i} ` +
      Array.from({ length: 78 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' '),
  );
}

/** The demo pack's responses, each prefixed by `nonce` (one extra word, so none is in the cache). */
async function demoResponses(nonce: string): Promise<string[]> {
  const file = (await (await fetch(DEMO_URL)).json()) as DatasetFile;
  return file.responses.map((r) => `${nonce} ${r.text}`);
}

const MB = 1024 * 1024;

/** Progress as words: "Downloading the encoder: 3.1 of 27.4 MB", "Embedding: 5 of 12 texts". */
function describe(p: EmbedProgress): string {
  return p.phase === 'download'
    ? `Downloading the encoder: ${(p.done / MB).toFixed(1)} of ${(p.total / MB).toFixed(1)} MB`
    : `Embedding: ${p.done} of ${p.total} texts`;
}

/** The encoder harness. */
export function EncoderBench() {
  const [text, setText] = useState('A short answer.\nA longer answer that explains why.\nThe sky is blue.');
  const [status, setStatus] = useState('idle');
  const [progress, setProgress] = useState<EmbedProgress | null>(null);
  const [result, setResult] = useState<EncoderBenchResult | null>(null);
  const ctl = useRef<AbortController | null>(null);

  async function run(texts: string[]) {
    ctl.current = new AbortController();
    setStatus('running');
    setResult(null);
    setProgress(null);
    const problems: string[] = [];
    let done = { hits: 0, computed: 0, info: null as EncoderInfo | null };
    const t0 = performance.now();
    try {
      const rows = await embedInBrowser(texts, {
        signal: ctl.current.signal,
        onProgress: setProgress,
        onProblem: (m) => problems.push(m),
        onDone: (d) => (done = d),
      });
      const wallMs = performance.now() - t0;
      setResult({
        texts: rows.length,
        dims: [...new Set(rows.map((r) => r.length))],
        norms: rows.map((r) => Math.hypot(...r)),
        heads: rows.map((r) => [...r.subarray(0, 4)]),
        ...done,
        wallMs,
        problems,
      });
      setStatus(`done ${rows.length}`);
    } catch (e) {
      const err = e as Error;
      setStatus(err.name === 'AbortError' ? 'cancelled' : `error: ${err.message}`);
    } finally {
      ctl.current = null;
    }
  }

  const busy = status === 'running';
  const texts = text.split('\n').filter((t) => t.trim() !== '');
  return (
    <section aria-labelledby="encoder-bench" className="space-y-3">
      <h2 id="encoder-bench" className="text-xl font-semibold">
        Sentence encoder
      </h2>
      <label className="block text-sm">
        Texts to embed, one per line
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={4}
          className="mt-1 block w-full max-w-3xl rounded border border-slate-400 px-2 py-1 dark:bg-slate-900"
        />
      </label>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={() => void run(texts)} disabled={busy || texts.length === 0}>
          Embed
        </Button>
        <Button onClick={() => void run(paragraphs(96, `run${Date.now()}`))} disabled={busy}>
          Throughput
        </Button>
        <Button onClick={() => void demoResponses(`run${Date.now()}`).then((t) => run(t))} disabled={busy}>
          Throughput (demo responses)
        </Button>
        <Button variant="danger" onClick={() => ctl.current?.abort()} disabled={!busy}>
          Cancel
        </Button>
      </div>
      {busy && progress && (
        <div className="max-w-3xl space-y-1">
          <p className="text-sm" data-testid="encoder-progress-text">
            {describe(progress)}
          </p>
          <progress
            className="h-2 w-full"
            max={progress.total || 1}
            value={progress.done}
            aria-label={progress.phase === 'download' ? 'Encoder download' : 'Embedding progress'}
          />
        </div>
      )}
      <p role="status" data-testid="encoder-status">
        {status}
      </p>
      {result && (
        <p className="text-sm" data-testid="encoder-result" data-result={JSON.stringify(result)}>
          {result.texts} embeddings of {result.dims.join('/')} numbers; {result.hits} from the cache,{' '}
          {result.computed} computed in {(result.wallMs / 1000).toFixed(2)} s
          {result.info &&
            ` on ${result.info.backend} (SIMD ${result.info.simd ? 'on' : 'off'}, ${result.info.threads} thread${result.info.threads === 1 ? '' : 's'})`}
          .{result.problems.map((p) => ` ${p}`).join('')}
        </p>
      )}
    </section>
  );
}
