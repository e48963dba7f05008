/**
 * A labelled file chooser: hands the chosen files to `onFiles`, then clears the input so choosing the same
 * file again fires once more.
 */
export function FileInput({
  id,
  label,
  accept,
  multiple = false,
  disabled = false,
  block = false,
  onFiles,
}: {
  id: string;
  label: React.ReactNode;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  /** Put the input on its own line under the label. */
  block?: boolean;
  onFiles: (files: FileList | null) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="file"
        multiple={multiple}
        accept={accept}
        onChange={(e) => {
          onFiles(e.target.files);
          e.target.value = '';
        }}
        disabled={disabled}
        className={block ? 'mt-1 block text-sm' : 'mt-1 text-sm'}
      />
    </div>
  );
}
