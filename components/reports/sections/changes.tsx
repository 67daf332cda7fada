import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { monthLabel } from "@/lib/format";

/** Board report section s-changes (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function ChangesSection({ r, v }: SectionProps) {
  const { trendAll } = v;
  return (
    <SectionBlock id="s-changes" s={r.movers}>
      {(m) => {
        const sentences = m.flatMap((d) => d.movers.map((x) => x.sentence));
        const before = trendAll.length >= 2 ? trendAll[trendAll.length - 2] : null;
        if (before?.partial || (r.firstDataDay !== null && r.firstDataDay > `${r.month}-01`))
          return (
            <p className="note">
              Not compared with {before ? monthLabel(before.month) : "the previous month"}: the data starts on {r.firstDataDay}, so the
              comparison would show growth that is only missing data.
            </p>
          );
        return sentences.length === 0 ? (
          <p className="note">No change in spend by team, feature or model against the previous month.</p>
        ) : (
          <div className="grid3 keep">
            {m.map((d) => (
              <div key={d.dimension}>
                <h3>By {d.dimension}</h3>
                {d.movers.length === 0 ? (
                  <p className="note">No change.</p>
                ) : (
                  <ul>
                    {d.movers.map((x) => (
                      <li key={x.key}>{x.sentence}</li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </div>
        );
      }}
    </SectionBlock>
  );
}
