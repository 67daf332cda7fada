import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * One Spendline process for the multi-process tests: the API route handlers behind node:http
 * (route-server-main.ts) in a child Node process on `port`, with `env` (the test's database
 * URL among it). `url` resolves once the child says where it listens and rejects, with the end
 * of its stderr, if it exits first. The child is returned at once so that the test stops it
 * (SIGTERM) even when it never came up.
 */
export type ServerProcess = { child: ChildProcess; url: Promise<string> };

export function startServerProcess(port: number, env: NodeJS.ProcessEnv = process.env): ServerProcess {
  const child = spawn(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "tests/helpers/route-server-main.ts"],
    { env: { ...env, PORT: String(port), NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const url = new Promise<string>((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    child.stdout!.on("data", (d) => {
      const m = /listening (\S+)/.exec(String(d));
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`Spendline process on ${port} exited (${code}): ${err.slice(-2000)}`)));
  });
  return { child, url };
}
