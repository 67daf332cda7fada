import { FormMessages } from "./form-messages";

/**
 * The month picker of the monthly pages (chargeback, invoices): a plain GET form, so it works
 * before hydration too and the month lives in the URL.
 */
export function MonthForm({ action, id, label, month }: { action: string; id: string; label: string; month: string }) {
  return (
    <form method="get" action={action} className="field month-form" style={{ display: "flex", gap: 6, alignItems: "flex-end" }}>
      <div>
        <label htmlFor={id}>{label}</label>
        <input id={id} name="month" type="month" defaultValue={month} key={month} required />
      </div>
      <button className="btn">Show</button>
    </form>
  );
}

/** Said when ?month= is not a YYYY-MM month and the page shows another one. */
export function InvalidMonthAlert({ given, shown }: { given: string; shown: string }) {
  return <FormMessages error={`“${given}” is not a month (YYYY-MM); showing ${shown}.`} />;
}
