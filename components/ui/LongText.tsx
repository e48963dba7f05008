'use client';
/**
 * The one way a user-supplied text that may be huge (a response, a prompt) is shown: its first
 * LONG_TEXT_PREVIEW_CHARS characters (lib/core/display.ts `previewCut`), rendered by `renderStart`
 * (Markdown, highlighted words, or plain text by default), then "Show all (size)", which adds the rest as
 * plain text in steps, so a 50 MB text never blocks the page. Long unbroken tokens wrap, so the text never
 * widens the page.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { previewCut, utf8Bytes } from '@/lib/core/display';
import { formatBytes } from '@/lib/core/storage/quota';

/** Characters of the plain-text remainder added per step after "Show all". */
const REST_STEP_CHARS = 200_000;

export function LongText({
  text,
  renderStart = (start) => start,
  className = '',
}: {
  text: string;
  /** Renders the first part (at most LONG_TEXT_PREVIEW_CHARS characters); plain text when absent. */
  renderStart?: (start: string) => ReactNode;
  /** Classes of the box (add `whitespace-pre-wrap` for plain text). */
  className?: string;
}) {
  const cut = previewCut(text);
  const size = useMemo(() => formatBytes(utf8Bytes(text)), [text]);
  const start = cut < text.length ? text.slice(0, cut) : text;
  // How much of the remainder is rendered, for this text (a new text starts collapsed again).
  const [rest, setRest] = useState<{ text: string; shown: number } | null>(null);
  const shownRest = rest && rest.text === text ? rest.shown : 0;
  const expanding = rest !== null && rest.text === text && shownRest < text.length - cut;
  useEffect(() => {
    if (!expanding) return;
    const t = setTimeout(() =>
      setRest((r) => (r && r.text === text ? { text, shown: r.shown + REST_STEP_CHARS } : r)),
    );
    return () => clearTimeout(t);
  }, [expanding, shownRest, text]);

  const steps: string[] = [];
  for (let at = 0; at < Math.min(shownRest, text.length - cut); at += REST_STEP_CHARS)
    steps.push(text.slice(cut + at, cut + Math.min(at + REST_STEP_CHARS, shownRest)));

  return (
    <div className={`min-w-0 max-w-full break-words [overflow-wrap:anywhere] ${className}`}>
      {renderStart(start)}
      {cut < text.length && (
        <>
          {steps.length > 0 && (
            <div className="whitespace-pre-wrap" data-testid="long-text-rest">
              {steps.map((s, i) => (
                <span key={i}>{s}</span>
              ))}
            </div>
          )}
          {shownRest === 0 ? (
            <button
              type="button"
              className="mt-2 rounded-md border border-slate-400 px-2 py-1 text-sm font-normal whitespace-normal hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800"
              onClick={() => setRest({ text, shown: REST_STEP_CHARS })}
            >
              Show all ({size})
            </button>
          ) : expanding ? (
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
              Showing {Math.floor((100 * (cut + shownRest)) / text.length)}% of {size}…
            </p>
          ) : null}
        </>
      )}
      {cut < text.length && shownRest === 0 && (
        <p className="text-xs font-normal whitespace-normal text-slate-600 dark:text-slate-400">
          Showing the first {cut.toLocaleString('en')} of {text.length.toLocaleString('en')} characters; the
          rest is shown as plain text.
        </p>
      )}
    </div>
  );
}
