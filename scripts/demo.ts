/** npm run demo — migrate the embedded database, seed the demo once, build, serve on PORT (3000). */
import { prepareAndServe } from "./serve";

prepareAndServe({ forceBuild: process.argv.includes("--rebuild") }).catch((e) => {
  console.error(`\nerror: ${(e as Error).message}`);
  process.exit(1);
});
