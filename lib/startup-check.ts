import { authSecret } from "./env";

/**
 * Run once when the server starts (instrumentation.ts): a production server without
 * NEXTAUTH_SECRET stops with the reason instead of serving (Next only logs a failing
 * instrumentation hook and keeps going).
 */
export function refuseUnsafeStart(): void {
  try {
    authSecret();
  } catch (e) {
    console.error(`✗ ${(e as Error).message}`);
    process.exit(1);
  }
}
