'use client';
/** Top navigation: the three steps of the lab plus data, and the room status once this browser joined a room. */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { RoomStatus } from '@/components/room/RoomStatus';

const LINKS = [
  { href: '/label', label: '1 · Label' },
  { href: '/train', label: '2 · Train' },
  { href: '/inspect', label: '3 · Inspect' },
  { href: '/playground', label: 'Playground' },
  { href: '/data', label: 'Data' },
];

export function NavBar() {
  const pathname = usePathname();
  return (
    <header className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
      <nav aria-label="Main" className="mx-auto flex max-w-7xl items-center gap-1 px-4 py-2">
        <Link href="/" className="mr-4 text-lg font-semibold tracking-tight">
          Goodhart Lab
        </Link>
        {LINKS.map((l) => {
          const active = pathname === l.href || pathname === `${l.href}/`;
          return (
            <Link
              key={l.href}
              href={l.href}
              aria-current={active ? 'page' : undefined}
              className={`rounded px-3 py-1.5 text-sm font-medium ${
                active
                  ? 'bg-blue-700 text-white'
                  : 'text-slate-700 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800'
              }`}
            >
              {l.label}
            </Link>
          );
        })}
        <RoomStatus />
      </nav>
    </header>
  );
}
