'use client';
/**
 * Top navigation: the four steps of the lab plus the other pages (one list, NAV_LINKS in nav-links.ts), the room status once
 * this browser joined a room, and the `status` slot (the offline pill). From 1024 px up the links sit in
 * one row; below that they collapse behind a Menu button (aria-expanded, aria-controls) that opens them
 * as a column in the page flow, so nothing is covered and nothing scrolls sideways. The menu closes on
 * navigation (it is open only for the path it was opened on), on Escape (focus returns to the button) and
 * on a click outside the navigation.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import { RoomStatus } from '@/components/room/RoomStatus';
import { AppLink } from '@/components/ui/AppLink';
import { NAV_LINKS } from '@/components/nav-links';

/** Every page in the navigation, in order: add a page in nav-links.ts and it appears in both layouts. */
const LINKS = NAV_LINKS;

/** True when `pathname` is the page `href` (the export may add a trailing slash). */
function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname === `${href}/`;
}

export function NavBar({ status }: { status?: ReactNode }) {
  const pathname = usePathname();
  // The path the menu was opened on: navigating anywhere else closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn !== null && openOn === pathname;
  const navRef = useRef<HTMLElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (navRef.current && e.target instanceof Node && !navRef.current.contains(e.target)) setOpenOn(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <header className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
      <nav
        ref={navRef}
        aria-label="Main"
        className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-1 gap-y-2 px-4 py-2"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            setOpenOn(null);
            buttonRef.current?.focus();
          }
        }}
      >
        <AppLink href="/" className="text-lg font-semibold tracking-tight lg:mr-4">
          Goodhart Lab
        </AppLink>
        <button
          ref={buttonRef}
          type="button"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpenOn(open ? null : pathname)}
          className="ml-auto inline-flex items-center gap-2 rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-200 lg:hidden dark:border-slate-500 dark:text-slate-100 dark:hover:bg-slate-800"
        >
          <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" className="shrink-0">
            <path
              d={open ? 'M3 3l10 10M13 3L3 13' : 'M2 4h12M2 8h12M2 12h12'}
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
            />
          </svg>
          Menu
        </button>
        <ul
          id={listId}
          className={`${open ? 'flex' : 'hidden'} w-full flex-col gap-1 pb-1 lg:flex lg:w-auto lg:flex-row lg:pb-0`}
        >
          {LINKS.map((l) => {
            const active = isCurrent(pathname, l.href);
            return (
              <li key={l.href}>
                <AppLink
                  href={l.href}
                  aria-current={active ? 'page' : undefined}
                  onClick={() => setOpenOn(null)}
                  className={`block rounded px-3 py-2 text-base font-medium lg:py-1.5 lg:text-sm ${
                    active
                      ? 'bg-blue-700 text-white'
                      : 'text-slate-700 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800'
                  }`}
                >
                  {l.label}
                </AppLink>
              </li>
            );
          })}
        </ul>
        {/* In the flow, never over the page: below lg the statuses are items of the nav row (`contents`) and wrap. */}
        <div className="contents lg:ml-auto lg:flex lg:flex-wrap lg:items-center lg:justify-end lg:gap-2">
          <RoomStatus />
          {status}
        </div>
      </nav>
    </header>
  );
}
