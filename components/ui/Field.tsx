/** A form control with its label above it: the lab's one way to label a field. */
export function Field({
  id,
  label,
  children,
}: {
  /** The id of the control inside, which the label names. */
  id: string;
  label: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/** Why a disabled field is not read (e.g. "used by Adam only"), under it; its id is the control's `-unused`. */
export function UnusedNote({ id, reason }: { id: string; reason: string }) {
  return (
    <p id={`${id}-unused`} className="mt-0.5 text-xs italic text-slate-700 dark:text-slate-300">
      {reason}
    </p>
  );
}
