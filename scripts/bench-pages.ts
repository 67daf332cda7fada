/**
 * Time to first byte of every dashboard page as a signed-in user, against a RUNNING production
 * server (issue 10 "Speed"; results in docs/benchmarks/pages-10m.json). Prints JSON.
 *
 *   npm run bench:pages -- --base http://localhost:3109 --email you@example.com --password pw \
 *     [--requests 5] [--pid <server pid>] [--pages /overview,/events]
 *
 * Signs in once with headless Chromium (as scripts/screenshot.mjs does) and takes its session
 * cookie; then requests each page `--requests` times in turn with plain fetch (no browser, no
 * cache), default view (the 30-day period), one request at a time. Per page: time to the
 * response headers (ttfb_ms) and to the last byte of the HTML (total_ms, the streamed page
 * complete), median and max, plus the HTTP status and size. With --pid (the `next-server`
 * process), its peak resident memory (VmHWM) and current RSS from /proc. Also records the
 * load average before and after: on a shared machine the figures mean little without it.
 */
import fs from "node:fs";
import os from "node:os";
import { chromium } from "playwright-core";

/**
 * Dashboard pages render a shell on the server and fetch their figures from the metrics API
 * in the browser (components/metrics/use-metric.ts): for those, the API call the page makes
 * in its default view is timed too (data_ms), so "page + data" is what a user waits for.
 */
const DATA: Record<string, string> = {
  "/overview": "/api/v1/metrics/overview?stack_by=team",
  "/cost-per-interaction": "/api/v1/metrics/cost-per-interaction?group_by=feature",
  "/efficiency": "/api/v1/metrics/token-efficiency?group_by=feature",
  "/freemium-trap": "/api/v1/metrics/freemium-trap",
  "/unit-economics": "/api/v1/metrics/unit-economics",
  "/anti-patterns": "/api/v1/metrics/anti-patterns",
};

const PAGES = [
  "/overview",
  "/cost-per-interaction",
  "/efficiency",
  "/freemium-trap",
  "/unit-economics",
  "/anti-patterns",
  "/events",
  "/chargeback",
  "/budgets",
  "/reports",
  "/billing",
  "/opportunities",
];

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`missing --${name} (see the header of scripts/bench-pages.ts)`);
  return v;
}

async function sessionCookie(base: string, email: string, password: string): Promise<string> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/signin`, { timeout: 120_000 });
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/overview/, { timeout: 120_000 });
    return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

async function timeOnce(url: string, cookie: string) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const ttfb = performance.now() - t0;
  const body = await res.arrayBuffer();
  return { status: res.status, ttfb, total: performance.now() - t0, bytes: body.byteLength };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

function memory(pid: string | undefined) {
  if (!pid) return null;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { pid: Number(pid), peak_rss_mb: r1(kb("VmHWM") / 1024), rss_mb: r1(kb("VmRSS") / 1024) };
}

const base = arg("base", "http://localhost:3109");
const requests = Number(arg("requests", "5"));
const pages = arg("pages", PAGES.join(",")).split(",");
const pid = process.argv.includes("--pid") ? arg("pid") : undefined;
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

const loadBefore = load();
const cookie = await sessionCookie(base, arg("email"), arg("password"));
const results: Record<string, unknown>[] = [];
for (const p of pages) {
  await timeOnce(base + p, cookie); // warm-up: the first hit compiles nothing in production, but fills caches (not counted)
  const runs = [];
  for (let i = 0; i < requests; i++) runs.push(await timeOnce(base + p, cookie));
  const statuses = [...new Set(runs.map((r) => r.status))];
  const api = DATA[p];
  const data = [];
  if (api) {
    await timeOnce(base + api, cookie);
    for (let i = 0; i < requests; i++) data.push(await timeOnce(base + api, cookie));
  }
  results.push({
    page: p,
    status: statuses.length === 1 ? statuses[0] : statuses,
    ttfb_ms: { median: r1(median(runs.map((r) => r.ttfb))), max: r1(Math.max(...runs.map((r) => r.ttfb))) },
    total_ms: { median: r1(median(runs.map((r) => r.total))), max: r1(Math.max(...runs.map((r) => r.total))) },
    html_kb: r1(runs[0].bytes / 1024),
    ...(api
      ? {
          data_api: api,
          data_status: [...new Set(data.map((r) => r.status))].join(","),
          data_ms: { median: r1(median(data.map((r) => r.total))), max: r1(Math.max(...data.map((r) => r.total))) },
          data_kb: r1(data[0].bytes / 1024),
        }
      : {}),
    load_avg_1m: load()[0],
  });
}
console.log(
  JSON.stringify(
    {
      at: new Date().toISOString(),
      base,
      requests_per_page: requests,
      warmup_per_page: 1,
      view: "default (30 days)",
      cpus: os.cpus().length,
      load_avg_before: loadBefore,
      load_avg_after: load(),
      server_memory: memory(pid),
      pages: results,
    },
    null,
    2,
  ),
);
