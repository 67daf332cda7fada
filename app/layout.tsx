import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  // every page sets its own title: "Overview · Spendline"
  title: { template: "%s · Spendline", default: "Spendline — AI spend, attributed" },
  description: "Self-hosted FinOps for AI/LLM spend",
  icons: { icon: [{ url: "/favicon.svg", type: "image/svg+xml" }] },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // every page renders per request: its scripts carry the CSP nonce proxy.ts made (docs/security.md)
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
