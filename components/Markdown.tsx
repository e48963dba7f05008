'use client';
/**
 * Renders response text as Markdown (GFM: lists, tables, code). Raw HTML in the text is shown as literal
 * text and never parsed, images are never fetched (their alt text is shown), so imported text cannot run
 * script or load remote content.
 */
import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

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

const components: Components = {
  img: ({ alt, src }) => (
    <span
      className="rounded bg-slate-200 px-1 text-sm dark:bg-slate-700"
      title={typeof src === 'string' ? src : ''}
    >
      [image: {alt || 'no description'}]
    </span>
  ),
  a: ({ href, children }) => (
    <a href={href} rel="noopener noreferrer nofollow" target="_blank">
      {children}
    </a>
  ),
};

function MarkdownImpl({ text }: { text: string }) {
  return (
    <div className="prose-lab break-words">
      <ReactMarkdown remarkPlugins={[remarkGfm, remarkHtmlAsText]} components={components} skipHtml={false}>
        {text}
      </ReactMarkdown>
    </div>
  );
}

export const Markdown = memo(MarkdownImpl);
