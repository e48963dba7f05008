/**
 * A labelled file chooser: hands the chosen files to `onFiles`, then clears the input so choosing the same
 * file again fires once more.
 */
import { Field } from './Field';

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
    <Field id={id} label={label}>
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
    </Field>
  );
}
