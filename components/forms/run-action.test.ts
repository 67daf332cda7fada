import { describe, expect, test } from "vitest";
import { runAction, type RunOptions } from "./run-action";

/** Runs one write against fakes and records what the user would see, in order. */
async function trace(opts: RunOptions<{ n: number }>, { answer = true, fails = false } = {}) {
  const seen: string[] = [];
  let sent = 0;
  const done = await runAction(
    {
      ask: (q) => {
        seen.push(`ask ${q}`);
        return answer;
      },
      refreshing: async (action, hint) => {
        seen.push(`send hint=${hint ?? "-"}`);
        try {
          await action();
          return true;
        } catch {
          return false;
        }
      },
      setNotice: (n) => seen.push(`notice ${n}`),
    },
    async () => {
      sent++;
      if (fails) throw new Error("400");
      return { n: 3 };
    },
    opts,
  );
  return { done, sent, seen };
}

describe("runAction", () => {
  test.each([
    ["no options: sent, no message touched", {}, {}, true, 1, ["send hint=-"]],
    ["confirm accepted", { confirm: "Delete?" }, {}, true, 1, ["ask Delete?", "send hint=-"]],
    ["confirm cancelled: nothing sent, message kept", { confirm: "Delete?", ok: "Deleted." }, { answer: false }, false, 0, ["ask Delete?"]],
    ["fixed success message", { ok: "Saved." }, {}, true, 1, ["notice null", "send hint=-", "notice Saved."]],
    ["message from the answer", { ok: (a: { n: number }) => `${a.n} rows` }, {}, true, 1, ["notice null", "send hint=-", "notice 3 rows"]],
    [
      "failure: the message is cleared, not set; the hint goes with the error",
      { ok: "Saved.", hint: "Try again." },
      { fails: true },
      false,
      1,
      ["notice null", "send hint=Try again."],
    ],
  ] as const)("%s", async (_name, opts, env, done, sent, seen) => {
    const r = await trace(opts as RunOptions<{ n: number }>, env);
    expect(r.done).toBe(done);
    expect(r.sent).toBe(sent);
    expect(r.seen).toEqual(seen);
  });
});
