'use client';
/**
 * Renders response text as Markdown (GFM: lists, tables, code). Raw HTML in the text is shown as literal
 * text and never parsed, images are never fetched (their alt text is shown), and links never navigate:
 * a link is shown as its text followed by its address, so imported text cannot run script, load remote
 * content or send the user off-site. A very long text renders its first LONG_TEXT_PREVIEW_CHARS
 * characters as Markdown, then "Show all (size)" adds the rest as plain text in steps (components/ui/
 * LongText.tsx), so a 50 MB response never blocks the page or widens it.
 */
import { memo } from 'react';
import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { LongText } from '@/components/ui/LongText';

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
const MarkdownBody = memo(function MarkdownBody({
  text,
  rehypePlugins,
}: {
  text: string;
  rehypePlugins?: Options['rehypePlugins'];
}) {
  return (
    <ReactMarkdown
      remarkPlugins={[remarkGfm, remarkHtmlAsText]}
      rehypePlugins={rehypePlugins}
      components={components}
      skipHtml={false}
    >
      {text}
    </ReactMarkdown>
  );
});

/**
 * `rehypePlugins` (optional, stable across renders) transform the rendered tree, e.g. /inspect's "why"
 * view marking the words that drive a reward.
 */
function MarkdownImpl({ text, rehypePlugins }: { text: string; rehypePlugins?: Options['rehypePlugins'] }) {
  return (
    <LongText
      text={text}
      className="prose-lab [&_table]:block [&_table]:max-w-full [&_table]:overflow-x-auto"
      renderStart={(start) => <MarkdownBody text={start} rehypePlugins={rehypePlugins} />}
    />
  );
}

export const Markdown = memo(MarkdownImpl);
