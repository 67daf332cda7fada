/**
 * npm run cli -- <command>
 *   org create <slug> --name "<name>"
 *   user create --org <slug> --email <email> --role ADMIN|FINANCE|ENGINEERING_LEAD|VIEWER [--password <pw>] [--team <team>]
 *   api-key create --org <slug> --scopes ingest,read[,admin] [--name <name>]   (prints the key alone on its last line)
 *   demo seed [--days 90] [--force]
 *   rollups verify [--org <slug>]
 * Exit codes: 0 ok, 1 runtime error, 2 usage error.
 */
import { runCli } from "../lib/cli/run-cli";

const code = await runCli(process.argv.slice(2), { out: (s) => console.log(s), err: (s) => console.error(s) });
process.exit(code);
