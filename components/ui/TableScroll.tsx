'use client';
/**
 * The box a table scrolls inside when it is wider than the screen, so the page itself never scrolls
 * sideways (390 px phones). While its content overflows it is a named, focusable region, so a keyboard
 * user can scroll it with the arrow keys (axe's scrollable-region-focusable); otherwise it is a plain box
 * and adds no tab stop.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

/** Props of {@link TableScroll}. */
export interface TableScrollProps {
  /** The region's accessible name while it scrolls, e.g. "Datasets table". */
  label: string;
  children: ReactNode;
  className?: string;
}

/** A horizontally scrolling box for one wide table (see the file comment). */
export function TableScroll({ label, children, className = '' }: TableScrollProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    // The observer reports each observed element once on start, then on every size change.
    const observer = new ResizeObserver(() => setScrolls(box.scrollWidth > box.clientWidth + 1));
    observer.observe(box);
    for (const child of Array.from(box.children)) observer.observe(child);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={ref}
      className={`max-w-full overflow-x-auto ${className}`}
      {...(scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
    >
      {children}
    </div>
  );
}
