'use client';
/**
 * Renders response text as Markdown (GFM: lists, tables, code). Raw HTML in the text is shown as literal
 * text and never parsed, images are never fetched (their alt text is shown), and links never navigate:
 * a link is shown as its text followed by its address, so imported text cannot run script, load remote
 * content or send the user off-site. A very long text renders its first LONG_TEXT_PREVIEW_CHARS
 * characters as Markdown, then a "Show all (size)" button that adds the rest as plain text in steps, so a
 * 50 MB response never blocks the page or widens it.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { previewCut, utf8Bytes } from '@/lib/core/display';
import { formatBytes } from '@/lib/core/quota';

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** remark plugin: turn raw HTML nodes into text nodes, so `<script>` shows as the characters typed. */
function remarkHtmlAsText() {
  return (tree: MdNode) => {
    const walk = (node: MdNode) => {
      if (node.type === 'html') node.type = 'text';
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}

/** The text content of a rendered (hast) node. */
function textOf(node: MdNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

const components: Components = {
  img: ({ alt, src }) => (
    <span
      className="rounded bg-slate-200 px-1 text-sm dark:bg-slate-700"
      title={typeof src === 'string' ? src : ''}
    >
      [image: {alt || 'no description'}]
    </span>
  ),
  // Not a link: the text, then the address it points to (unless the text is the address), as plain text.
  a: ({ href, children, node }) => {
    const text = textOf(node as MdNode | undefined);
    const shown = href && href !== text && `http://${text}` !== href && `mailto:${text}` !== href;
    return (
      <span data-link={href ?? ''} className="underline decoration-dotted">
        {children}
        {shown ? <span className="text-slate-600 dark:text-slate-400"> ({href})</span> : null}
      </span>
    );
  },
};

/** The Markdown rendering itself: memoised apart, so expanding the plain-text remainder never re-parses it. */
const MarkdownBody = memo(function MarkdownBody({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm, remarkHtmlAsText]} components={components} skipHtml={false}>
      {text}
    </ReactMarkdown>
  );
});

/** Characters of the plain-text remainder added per step after "Show all". */
const REST_STEP_CHARS = 200_000;

function MarkdownImpl({ text }: { text: string }) {
  const cut = previewCut(text);
  const size = useMemo(() => formatBytes(utf8Bytes(text)), [text]);
  const preview = cut < text.length ? text.slice(0, cut) : text;
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
    <div className="prose-lab min-w-0 max-w-full break-words [overflow-wrap:anywhere] [&_table]:block [&_table]:max-w-full [&_table]:overflow-x-auto">
      <MarkdownBody text={preview} />
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
              className="mt-2 rounded-md border border-slate-400 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800"
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
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Showing the first {cut.toLocaleString('en')} of {text.length.toLocaleString('en')} characters; the
          rest is shown as plain text.
        </p>
      )}
    </div>
  );
}

export const Markdown = memo(MarkdownImpl);
