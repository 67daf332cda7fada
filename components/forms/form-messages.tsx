/**
 * The outcome of a write, above the form or table it concerns: the error as an alert (read out
 * at once), the success as a status. Either may be absent.
 */
export function FormMessages({ error, ok }: { error?: React.ReactNode; ok?: React.ReactNode }) {
  return (
    <>
      {error && (
        <div role="alert" className="alert alert-error">
          {error}
        </div>
      )}
      {ok && (
        <div role="status" className="alert alert-ok">
          {ok}
        </div>
      )}
    </>
  );
}
