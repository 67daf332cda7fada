/**
 * Launch flags that Debian's chromium needs to run headless as root in a container: one list
 * for the PDF export (lib/reports/render-pdf.ts), the e2e tests (playwright.config.ts) and
 * scripts/screenshot.mjs. Plain ESM so that the script can import it under bare `node`.
 */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
