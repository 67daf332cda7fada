/** Series colours: distinguishable, colour-blind safe first (Okabe–Ito), "other" in grey. */
export const SERIES = ["#2f5bea", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7a5195", "#8c8c2c"];
export const OTHER_COLOUR = "#b8c0cc";
export const colourFor = (key: string, i: number) => (key === "other" ? OTHER_COLOUR : SERIES[i % SERIES.length]);
