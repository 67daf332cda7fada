import Link from "next/link";
import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { getAssessment, latestPerTeam, listAssessments, listMyDrafts } from "@/lib/assessment/manage-assessments";
import { listTeams } from "@/lib/orgs/list-names";
import { ITEMS } from "@/lib/assessment/items";
import { historyPoints, levelDistribution } from "@/lib/assessment/prepare-history";
import { csvFromTable } from "@/lib/csv/to-csv";
import { LEVELS } from "@/lib/assessment/score";
import { PageHeader } from "@/components/ui/page-header";
import { Questionnaire } from "@/components/assessment/questionnaire";
import { AssessmentResult } from "@/components/assessment/assessment-result";
import { CompareAssessments } from "@/components/assessment/compare-assessments";
import { ScoreHistoryChart } from "@/components/assessment/score-history-chart";
import { CsvTextDownload } from "@/components/ui/csv-download";
import { LevelBadge } from "@/components/assessment/level-badge";
import "@/components/assessment/assessment.css";
import { withoutNul } from "@/lib/api/search-params";

export const metadata = { title: "Readiness assessment" };

const ORG = "__org__";
type SP = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AssessmentPage({ searchParams }: { searchParams: SP }) {
  const me = await requireMember("dashboards.read");
  const sp = withoutNul(await searchParams).params; // a NUL byte in team/view would reach PostgreSQL
  const canAny = can(me.role, "assessment.submit_any_team");
  const canSubmit = can(me.role, "assessment.submit");
  const teams = await listTeams(me.organizationId);
  if (me.teamName && !teams.includes(me.teamName)) teams.push(me.teamName);

  const teamParam = one(sp.team) ?? me.teamName ?? ORG;
  const team = teamParam === ORG ? null : teamParam;
  const mayAnswer = canSubmit && (canAny || (me.teamName !== null && team === me.teamName));
  const tab = one(sp.tab) ?? (mayAnswer && !sp.view && !sp.compare ? "answer" : "history");
  const teamLabel = team ?? "the whole organisation";

  const [history, latest, drafts] = await Promise.all([
    listAssessments(me.organizationId, team === null ? { organization: true, limit: 100 } : { team, limit: 100 }),
    latestPerTeam(me.organizationId),
    mayAnswer ? listMyDrafts(me.organizationId, me.userId) : Promise.resolve([]),
  ]);
  const draft = drafts.find((d) => d.team === team) ?? null;
  const viewId = one(sp.view);
  const view = viewId ? await getAssessment(me.organizationId, viewId) : null;
  const compareIds = ([] as string[]).concat(sp.compare ?? []).slice(0, 2);
  // older on the left, newer on the right, whatever order the boxes were ticked in
  const compared =
    compareIds.length === 2
      ? (await Promise.all(compareIds.map((id) => getAssessment(me.organizationId, id)))).sort((x, y) =>
          (x?.submitted_at ?? "").localeCompare(y?.submitted_at ?? ""),
        )
      : null;
  const href = (extra: Record<string, string>) => `/assessment?${new URLSearchParams({ team: teamParam, ...extra })}`;

  const points = historyPoints(history);
  const dist = levelDistribution(latest);
  const historyCsv = csvFromTable(
    ["submitted_at", "team", "score", "level", ...ITEMS.map((i) => i.id)],
    history.map((a) => [
      a.submitted_at,
      a.team ?? "",
      a.score,
      a.level,
      ...ITEMS.map((i) => (a.answers[i.id] === undefined ? "" : a.answers[i.id] ? "yes" : "no")),
    ]),
  );
  const latestCsv = csvFromTable(
    ["team", "score", "level", "submitted_at"],
    latest.map((a) => [a.team ?? "(organisation)", a.score, a.level, a.submitted_at]),
  );

  return (
    <>
      <PageHeader
        title="Readiness assessment"
        description="Crawl / walk / run: thirteen yes/no questions in four groups, with what your own Spendline data says beside each. Score = number of yes (0–4 crawl, 5–8 walk, 9–13 run)."
      />
      <form className="filters" method="get" action="/assessment">
        <div className="field">
          <label htmlFor="a-team">Team</label>
          <select id="a-team" name="team" defaultValue={teamParam}>
            <option value={ORG}>Whole organisation</option>
            {teams.map((t) => (
              <option key={t} value={t}>
                {t}
                {t === me.teamName ? " (your team)" : ""}
              </option>
            ))}
          </select>
        </div>
        <button className="btn" type="submit">
          Show
        </button>
        <nav aria-label="Assessment views" className="form-row" style={{ marginLeft: "auto" }}>
          {mayAnswer && (
            <Link
              className={`btn ${tab === "answer" ? "btn-primary" : ""}`}
              href={href({ tab: "answer" })}
              aria-current={tab === "answer" ? "page" : undefined}
            >
              Questionnaire
            </Link>
          )}
          <Link
            className={`btn ${tab === "history" ? "btn-primary" : ""}`}
            href={href({ tab: "history" })}
            aria-current={tab === "history" ? "page" : undefined}
          >
            History &amp; levels
          </Link>
        </nav>
      </form>

      {!mayAnswer && (
        <div className="alert alert-info" role="note">
          {!canSubmit
            ? "Your role can read assessments but not submit them. Ask an engineering lead, finance or an admin to fill one in."
            : `Engineering leads answer for their own team${me.teamName ? ` (${me.teamName})` : ""}; you are viewing ${teamLabel} read-only.`}
        </div>
      )}

      {view && view.status === "submitted" && <AssessmentResult a={view} />}
      {compared && compared[0] && compared[1] && <CompareAssessments a={compared[0]} b={compared[1]} />}

      {tab === "answer" && mayAnswer ? (
        <>
          <h2>Questionnaire for {teamLabel}</h2>
          <Questionnaire
            key={teamParam}
            team={team}
            teamParam={teamParam}
            initialAnswers={draft?.answers ?? {}}
            initialNotes={draft?.notes ?? {}}
            draftSavedAt={draft?.created_at ? draft.created_at : null}
          />
        </>
      ) : (
        <>
          <section className="card" aria-labelledby="hist-h">
            <div className="page-head" style={{ marginBottom: 8 }}>
              <h2 id="hist-h">Score over time — {teamLabel}</h2>
              <CsvTextDownload filename={`assessments-${team ?? "organisation"}.csv`} csv={historyCsv} />
            </div>
            {history.length === 0 ? (
              <p className="muted">
                No submitted assessment for {teamLabel} yet.{" "}
                {mayAnswer ? (
                  <Link href={href({ tab: "answer" })}>Fill in the questionnaire</Link>
                ) : (
                  "An engineering lead, finance or an admin can fill one in."
                )}
              </p>
            ) : (
              <>
                {points.length > 1 ? (
                  <ScoreHistoryChart points={points} />
                ) : (
                  <p className="muted">One assessment so far: the chart appears with the second.</p>
                )}
                <form method="get" action="/assessment">
                  <input type="hidden" name="team" value={teamParam} />
                  <input type="hidden" name="tab" value="history" />
                  <div className="table-wrap" tabIndex={0}>
                    <table className="table">
                      <thead>
                        <tr>
                          <th>Compare</th>
                          <th>Submitted</th>
                          <th className="num">Score</th>
                          <th>Level</th>
                          <th></th>
                        </tr>
                      </thead>
                      <tbody>
                        {history.map((a) => (
                          <tr key={a.id}>
                            <td>
                              <input
                                type="checkbox"
                                name="compare"
                                value={a.id}
                                aria-label={`Compare assessment of ${a.submitted_at?.slice(0, 10)}`}
                                defaultChecked={compareIds.includes(a.id)}
                              />
                            </td>
                            <td>{a.submitted_at?.slice(0, 16).replace("T", " ")} UTC</td>
                            <td className="num">{a.score} / 13</td>
                            <td>{a.level && <LevelBadge level={a.level} />}</td>
                            <td>
                              <Link href={href({ tab: "history", view: a.id }) + "#result"}>Result and next steps</Link>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <button className="btn" type="submit" style={{ marginTop: 8 }}>
                    Compare two selected
                  </button>
                  {compareIds.length === 1 && <span className="muted"> Select two assessments to compare.</span>}
                </form>
              </>
            )}
          </section>

          <section className="card" aria-labelledby="dist-h">
            <div className="page-head" style={{ marginBottom: 8 }}>
              <h2 id="dist-h">Organisation: latest level per team</h2>
              <CsvTextDownload filename="assessment-levels.csv" csv={latestCsv} />
            </div>
            <div className="grid grid-3" style={{ marginBottom: 12 }}>
              {dist.map((d) => (
                <div key={d.level} className="stat">
                  <div className="label">
                    {LEVELS[d.level].label} ({LEVELS[d.level].range})
                  </div>
                  <div className="value">{d.count}</div>
                  <div className="sub">{d.teams.length ? d.teams.join(", ") : "no team"}</div>
                </div>
              ))}
            </div>
            {latest.length === 0 ? (
              <p className="muted">No team has submitted an assessment yet.</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Team</th>
                    <th className="num">Score</th>
                    <th>Level</th>
                    <th>Submitted</th>
                  </tr>
                </thead>
                <tbody>
                  {latest.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link href={`/assessment?${new URLSearchParams({ team: a.team ?? ORG, tab: "history" })}`}>
                          {a.team ?? "Whole organisation"}
                        </Link>
                      </td>
                      <td className="num">{a.score} / 13</td>
                      <td>{a.level && <LevelBadge level={a.level} />}</td>
                      <td>{a.submitted_at?.slice(0, 10)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </>
  );
}
