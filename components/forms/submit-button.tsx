/** A form's primary button in its own field cell of the row; `busyText` replaces the label while the write runs. */
export function SubmitButton({ busy, busyText, children }: { busy: boolean; busyText?: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <button className="btn btn-primary" disabled={busy}>
        {busy && busyText ? busyText : children}
      </button>
    </div>
  );
}
