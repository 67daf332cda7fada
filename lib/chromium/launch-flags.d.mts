/** Types of launch-flags.mjs (the TypeScript config does not read .mjs files). */
export declare const CHROMIUM_FLAGS: string[];
