/**
 * Encryption at rest for provider admin keys (docs/decisions/020-billing-import.md):
 * AES-256-GCM, a fresh 96-bit IV per value, the 128-bit tag checked on open; the 256-bit key
 * is derived from the app secret (NEXTAUTH_SECRET) with HKDF-SHA256 and a fixed context, so
 * rotating the app secret makes stored keys unreadable (re-enter them). Stored form:
 * "v1:" + base64(iv ‖ tag ‖ ciphertext).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const INFO = "spendline/billing-connector-key/v1";

function keyFrom(appSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(appSecret, "utf8"), Buffer.alloc(0), INFO, 32));
}

export function sealSecret(plaintext: string, appSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(appSecret), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function openSecret(sealed: string, appSecret: string): string {
  if (!sealed.startsWith("v1:")) throw new Error("unknown sealed-secret format");
  const raw = Buffer.from(sealed.slice(3), "base64");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(appSecret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** "sk-ad…wxyz": enough to recognise a key in a list, never enough to use it. */
export function keyHint(key: string): string {
  return key.length > 10 ? `${key.slice(0, 5)}…${key.slice(-4)}` : "…";
}
