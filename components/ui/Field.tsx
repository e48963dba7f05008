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
