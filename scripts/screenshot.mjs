/**
 * Screenshots of pages as a signed-in user (headless Debian Chromium), for looking at what
 * you built:  node scripts/screenshot.mjs http://localhost:3000 /tmp/shot finance@demo.spendline.dev /overview /chargeback
 * Password from PW (default: the demo password); WAIT ms after load (default 1500); FULL=1 for full page;
 * WIDTH px (default 1400; e.g. WIDTH=390 for a phone).
 */
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS } from "../lib/chromium/launch-flags.mjs";
const [, , base, outPrefix, email, ...paths] = process.argv;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: CHROMIUM_FLAGS,
});
const width = Number(process.env.WIDTH || 1400);
const page = await browser.newPage({ viewport: { width, height: width < 600 ? 844 : 1000 } });
await page.goto(base + "/signin");
if (email && email !== "-") {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(process.env.PW || "spendline-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/overview/, { timeout: 60000 });
}
for (const p of paths.length ? paths : ["/signin"]) {
  await page.goto(base + p, { timeout: 120000 });
  await page.waitForTimeout(Number(process.env.WAIT || 1500));
  const name = outPrefix + p.replace(/[^a-z0-9]+/gi, "_") + ".png";
  await page.screenshot({ path: name, fullPage: process.env.FULL === "1" });
  console.log(name);
}
await browser.close();
