"use client";
import { useState } from "react";
import { shortId } from "@/lib/events/short-id";

/** An event id in a few characters; the whole one on hover, copied by a click. */
export function CopyId({ id }: { id: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy-id"
      title={copied ? "Copied" : `${id} (click to copy)`}
      aria-label={`Copy event id ${id}`}
      onClick={() =>
        void navigator.clipboard?.writeText(id).then(
          () => setCopied(true),
          () => undefined,
        )
      }
    >
      <code>{shortId(id)}</code>
    </button>
  );
}
