/**
 * A user-supplied name (annotator, dataset, run) shown safely: isolated from the text around it (`<bdi>`),
 * without bidi override controls, on one line cut with an ellipsis at a bounded width, the full name in
 * the title. For text-only places (options, messages) use `isolatedName` / `displayName` from
 * lib/core/display.ts.
 */
import { stripBidiControls } from '@/lib/core/display';

export function Name({ name, className = '' }: { name: string; className?: string }) {
  const clean = stripBidiControls(name);
  return (
    <bdi
      title={clean}
      data-name=""
      className={`inline-block max-w-[min(20rem,60vw)] truncate align-bottom ${className}`}
    >
      {clean}
    </bdi>
  );
}
