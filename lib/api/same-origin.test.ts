import { expect, test } from "vitest";
import { crossOriginProblem } from "./same-origin";

const H = (h: Partial<{ origin: string; secFetchSite: string; host: string }>) => ({
  origin: h.origin ?? null,
  secFetchSite: h.secFetchSite ?? null,
  host: h.host ?? null,
});

test.each([
  ["Origin matches Host", H({ origin: "http://spend.local:3000", host: "spend.local:3000" }), undefined, null],
  ["Origin matches Host (case)", H({ origin: "http://Spend.Local:3000", host: "spend.local:3000" }), undefined, null],
  [
    "Origin = public URL's origin, Host rewritten by a proxy",
    H({ origin: "https://spend.example.com", host: "10.0.0.5:3000" }),
    "https://spend.example.com/app",
    null,
  ],
  ["Sec-Fetch-Site: same-origin without Origin", H({ secFetchSite: "same-origin" }), undefined, null],
  ["another port of the same host", H({ origin: "http://spend.local:4000", host: "spend.local:3000" }), undefined, /Cross-origin/],
  [
    "a sibling subdomain",
    H({ origin: "https://evil.example.com", host: "spend.example.com" }),
    "https://spend.example.com",
    /Cross-origin/,
  ],
  ["Origin null", H({ origin: "null", host: "spend.local" }), undefined, /must carry an Origin/],
  ["neither header", H({ host: "spend.local" }), undefined, /must carry an Origin/],
  ["Sec-Fetch-Site: same-site", H({ secFetchSite: "same-site", host: "spend.local" }), undefined, /Cross-site/],
  [
    "Sec-Fetch-Site: cross-site with Origin of the host is still judged by Origin",
    H({ secFetchSite: "cross-site", origin: "http://evil.test", host: "spend.local" }),
    undefined,
    /Cross-origin/,
  ],
  ["a malformed Origin", H({ origin: "not a url", host: "spend.local" }), undefined, /Cross-origin/],
] as const)("%s", (_n, headers, publicUrl, expected) => {
  const problem = crossOriginProblem(headers, publicUrl);
  if (expected === null) expect(problem).toBeNull();
  else expect(problem).toMatch(expected);
});
