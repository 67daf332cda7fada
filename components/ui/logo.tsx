import type { CSSProperties } from "react";

/**
 * The Spendline mark (public/logo.svg), decorative beside the product name. A plain <img>: the
 * file is a small static SVG, which next/image would neither resize nor optimise.
 */
export function Logo({ size, style }: { size: number; style?: CSSProperties }) {
  // eslint-disable-next-line @next/next/no-img-element -- static SVG, see above
  return <img src="/logo.svg" alt="" width={size} height={size} style={style} />;
}
