/** Reading a submitted form: the text of a field trimmed, and blank optional fields as null (what the API schemas expect). */
export function text(form: FormData, name: string): string {
  return String(form.get(name) ?? "").trim();
}

export function optionalText(form: FormData, name: string): string | null {
  return text(form, name) || null;
}

/** The props of a dollar-amount input: digits with up to 12 decimals, the precision the API stores money at. */
export const usdInput = { inputMode: "decimal", pattern: String.raw`\d+(\.\d{1,12})?` } as const;

/** An onSubmit handler that keeps the page from navigating and hands over the form's values and element (to reset it). */
export function onFormSubmit(handle: (values: FormData, form: HTMLFormElement) => unknown) {
  return (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void handle(new FormData(e.currentTarget), e.currentTarget);
  };
}
