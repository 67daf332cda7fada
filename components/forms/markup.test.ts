import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { FormMessages } from "./form-messages";
import { SubmitButton } from "./submit-button";
import { Options, Suggestions } from "./options";
import { InvalidMonthAlert, MonthForm } from "./month-form";
import { usdInput } from "./form-values";
import { ScrollTable } from "../ui/scroll-table";
import { TitledSection } from "../ui/titled-section";

/**
 * The shared pieces must draw exactly what each screen wrote by hand before (the Playwright specs
 * find these elements by role, label and text): each row is the markup a screen had inline.
 */
describe("shared form markup", () => {
  test.each([
    ["no message", h(FormMessages, {}), ""],
    [
      "error, then success",
      h(FormMessages, { error: "Bad", ok: "Saved." }),
      '<div role="alert" class="alert alert-error">Bad</div><div role="status" class="alert alert-ok">Saved.</div>',
    ],
    [
      "idle submit",
      h(SubmitButton, { busy: false, busyText: "Importing…", children: "Import" }),
      '<div class="field"><button class="btn btn-primary">Import</button></div>',
    ],
    [
      "busy submit",
      h(SubmitButton, { busy: true, busyText: "Importing…", children: "Import" }),
      '<div class="field"><button class="btn btn-primary" disabled="">Importing…</button></div>',
    ],
    [
      "busy submit, same label",
      h(SubmitButton, { busy: true, children: "Save" }),
      '<div class="field"><button class="btn btn-primary" disabled="">Save</button></div>',
    ],
    [
      "options",
      h("select", null, h(Options, { items: [["", "all"], "open"] })),
      '<select><option value="">all</option><option value="open">open</option></select>',
    ],
    [
      "suggestions",
      h(Suggestions, { id: "b-refs", values: ["sales"] }),
      '<datalist id="b-refs"><option value="sales"></option></datalist>',
    ],
    [
      "month form",
      h(MonthForm, { action: "/chargeback", id: "cb-month", label: "Month (UTC)", month: "2026-10" }),
      '<form class="field month-form" style="display:flex;gap:6px;align-items:flex-end" action="/chargeback" method="get"><div><label for="cb-month">Month (UTC)</label><input id="cb-month" type="month" required="" name="month" value="2026-10"/></div><button class="btn">Show</button></form>',
    ],
    [
      "invalid month",
      h(InvalidMonthAlert, { given: "2026-13", shown: "2026-10" }),
      '<div role="alert" class="alert alert-error">“2026-13” is not a month (YYYY-MM); showing 2026-10.</div>',
    ],
    [
      "scroll table",
      h(ScrollTable, { label: "Overrides", head: h("th", null, "Model"), children: h("tr", null, h("td", null, "gpt-4o")) }),
      '<div class="table-wrap" tabindex="0"><table class="table" aria-label="Overrides"><thead><tr><th>Model</th></tr></thead><tbody><tr><td>gpt-4o</td></tr></tbody></table></div>',
    ],
    [
      "titled section",
      h(TitledSection, { id: "history-title", title: "Change history", actions: h("button", null, "CSV"), children: h("p", null, "x") }),
      '<section class="card" aria-labelledby="history-title"><div class="page-head" style="margin-bottom:8px"><h2 id="history-title">Change history</h2><button>CSV</button></div><p>x</p></section>',
    ],
  ])("%s", (_name, element, html) => {
    expect(renderToStaticMarkup(element)).toBe(html);
  });

  test.each([
    ["500", true],
    ["2.50", true],
    ["0.000000000001", true],
    ["0.0000000000001", false],
    ["-1", false],
    ["1e3", false],
    ["", true],
  ])("a dollar amount %j is accepted by the input: %s", (value, ok) => {
    // the browser checks the whole value against the pattern (an empty optional field passes)
    expect(value === "" || new RegExp(`^(?:${usdInput.pattern})$`, "v").test(value)).toBe(ok);
  });
});
