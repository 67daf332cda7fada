import "server-only";
import fs from "node:fs";
import { AppError } from "../core/errors";
import { env } from "../env";
import type { Paper } from "./schemas";
import type { Browser } from "playwright-core";
import { CHROMIUM_FLAGS } from "../chromium/launch-flags.mjs";
import { runtimeSlot } from "../runtime";

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** Browser launch costs ~1 s: keep one warm between exports, closed after a minute idle. */
const IDLE_MS = 60_000;
const pdfBrowserSlot = runtimeSlot<{ browser: Promise<Browser>; active: number; idle?: ReturnType<typeof setTimeout> }>("PdfBrowser");

async function warmBrowser(executablePath: string): Promise<Browser> {
  const held = pdfBrowserSlot.value;
  if (held) {
    if (held.idle) clearTimeout(held.idle);
    const b = await held.browser.catch(() => null);
    if (b?.isConnected()) {
      held.active++;
      return b;
    }
  }
  const { chromium } = await import("playwright-core");
  const browser = chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
  pdfBrowserSlot.value = { browser, active: 1 };
  browser
    .then((b) =>
      b.on("disconnected", () => {
        if (pdfBrowserSlot.value?.browser === browser) pdfBrowserSlot.value = undefined;
      }),
    )
    .catch(() => {
      pdfBrowserSlot.value = undefined;
    });
  return browser;
}

function releaseLater() {
  const held = pdfBrowserSlot.value;
  if (!held) return;
  held.active = Math.max(0, held.active - 1);
  if (held.idle) clearTimeout(held.idle);
  if (held.active > 0) return;
  held.idle = setTimeout(() => {
    if (pdfBrowserSlot.value === held) pdfBrowserSlot.value = undefined;
    held.browser.then((b) => b.close()).catch(() => {});
  }, IDLE_MS);
  held.idle.unref?.();
}

/**
 * Renders a print page to PDF with headless Chromium (playwright-core). Page numbers come from
 * Chromium's footer template; `label` is printed in the header of every page.
 */
export async function renderPdf(url: string, opts: { paper: Paper; label: string }): Promise<{ pdf: Buffer; ms: number }> {
  const executablePath = env().CHROMIUM_PATH;
  if (!fs.existsSync(executablePath)) {
    throw new AppError(
      "unavailable",
      `No Chromium found at ${executablePath}. Install one with \`apt-get install -y chromium\` (Debian/Ubuntu), or set CHROMIUM_PATH to an existing Chromium or Chrome binary.`,
    );
  }
  const started = Date.now();
  const browser = await warmBrowser(executablePath);
  // a fresh context per export: no cookies or cache shared between organisations
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const res = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    if (!res || !res.ok()) throw new Error(`print page answered ${res?.status() ?? "nothing"}`);
    if (!res.url().includes("/reports/board")) throw new Error(`print page redirected to ${new URL(res.url()).pathname}`);
    await page.emulateMedia({ media: "print" });
    const small =
      'style="font-size:8px;color:#5b6776;font-family:Liberation Sans,DejaVu Sans,Arial,sans-serif;width:100%;padding:0 14mm;display:flex;justify-content:space-between"';
    const pdf = await page.pdf({
      format: opts.paper === "letter" ? "Letter" : "A4",
      printBackground: true,
      // a tagged PDF (structure for screen readers) with an outline; its Title is the page's <title>
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: `<div ${small}><span>${esc(opts.label)}</span><span>Confidential</span></div>`,
      footerTemplate: `<div ${small}><span>Spendline board report</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      margin: { top: "16mm", bottom: "16mm", left: "14mm", right: "14mm" },
    });
    return { pdf, ms: Date.now() - started };
  } finally {
    await context.close().catch(() => {});
    releaseLater();
  }
}
