'use client';
/** The `?` help overlay listing every labeling shortcut (Radix Dialog: focus-trapped, Esc closes). */
import { Dialog } from 'radix-ui';
import { SHORTCUTS } from './shortcuts';
import { Kbd } from '@/components/ui/Button';

export function ShortcutHelp({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(32rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 text-slate-900 shadow-xl dark:bg-slate-900 dark:text-slate-100">
          <Dialog.Title className="text-lg font-semibold">Keyboard shortcuts</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            One key per decision. Every decision is saved before the next pair appears.
          </Dialog.Description>
          <table className="mt-4 w-full text-sm">
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.what} className="border-t border-slate-200 dark:border-slate-700">
                  <td className="py-1.5 pr-4 whitespace-nowrap">
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && ' '}
                        <Kbd>{k}</Kbd>
                      </span>
                    ))}
                  </td>
                  <td className="py-1.5">{s.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Dialog.Close className="mt-4 rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
            Close
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
