/** Types of scripts/pack-sdk.mjs (for the test that imports it). */
export const SDK_TARBALL: string;
export function packSdk(): string;
