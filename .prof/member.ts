import { addMember } from "../lib/orgs/manage-members";
await addMember("bench-org", { email: "finance@bench.dev", role: "FINANCE", password: "spendline-demo" }, { userId: null, apiKeyId: null });
console.log("ok");
process.exit(0);
