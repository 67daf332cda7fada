import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  // every page sets its own title: "Overview · Spendline"
  title: { template: "%s · Spendline", default: "Spendline — AI spend, attributed" },
  description: "Self-hosted FinOps for AI/LLM spend",
  icons: { icon: [{ url: "/favicon.svg", type: "image/svg+xml" }] },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
