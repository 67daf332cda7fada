import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db, disconnectDb } from "../db";
import { closeEmbedded } from "../db/adapter";
import { applyMigrations } from "../db/migrate";
import { AppError } from "../core/errors";
import { ROLES, SCOPES } from "../auth/roles";
import { createOrganization, addMember } from "../orgs/manage-members";
import { issueApiKey } from "../orgs/manage-api-keys";
import { slugSchema } from "../orgs/schemas";
import { cliCommand, cliCommands, type Io } from "../core/cli-commands";
import "../demo/cli";
import "../rollups/cli";
import "../storage/cli";

export class UsageError extends Error {}

const USAGE = `usage: npm run cli -- <command>
  org create <slug> --name "<name>"
  user create --org <slug> --email <email> --role ${ROLES.join("|")} [--password <pw>] [--team <team>]
  api-key create --org <slug> --scopes ${SCOPES.join(",")} [--name <name>]
${cliCommands()
  .map((c) => `  ${c.usage}`)
  .join("\n")}`;

async function orgBySlug(slug: string | undefined) {
  if (!slug) throw new UsageError("--org <slug> is required");
  const org = await db().organization.findUnique({ where: { slug } });
  if (!org) throw new AppError("not_found", `no organisation "${slug}" (create it with: org create ${slug} --name ...)`);
  return org;
}

const SYSTEM = { userId: null, apiKeyId: null };

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [noun, verb, ...rest] = argv;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        name: { type: "string" },
        org: { type: "string" },
        email: { type: "string" },
        role: { type: "string" },
        password: { type: "string" },
        team: { type: "string" },
        scopes: { type: "string" },
        days: { type: "string" },
        force: { type: "boolean" },
        events: { type: "string" },
        months: { type: "string" },
        "dry-run": { type: "boolean" },
      },
    });
    if (!noun || noun === "help" || noun === "--help") {
      io.out(USAGE);
      return noun ? 0 : 2;
    }
    await applyMigrations();
    const key = `${noun} ${verb ?? ""}`.trim();
    if (key === "org create") {
      const slug = slugSchema.safeParse(positionals[0]);
      if (!slug.success) throw new UsageError(`org slug: ${slug.error.issues[0].message}`);
      if (!values.name) throw new UsageError('--name "<name>" is required');
      const org = await createOrganization(slug.data, values.name);
      io.out(`Created organisation ${org.slug} (${org.name}).`);
    } else if (key === "user create") {
      const org = await orgBySlug(values.org);
      const role = z.enum(ROLES).safeParse(values.role?.toUpperCase());
      if (!role.success) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
      if (!values.email || !z.string().email().safeParse(values.email).success) throw new UsageError("--email <valid email> is required");
      const generated = !values.password;
      const password = values.password ?? randomBytes(9).toString("base64url");
      if (password.length < 8) throw new UsageError("--password must have at least 8 characters");
      const added = await addMember(org.id, { email: values.email, role: role.data, password, team: values.team }, SYSTEM, {
        createTeam: true,
      });
      io.out(`Added ${values.email} to ${org.slug} as ${role.data}.`);
      if (added.passwordUnchanged) {
        // an existing account keeps its own password: the operator is told, never silently
        io.out(
          `${values.email} already had a Spendline account: it keeps its own password` +
            (generated ? "." : " (the --password given was NOT set).") +
            " They sign in as before and can switch to this organisation.",
        );
      } else if (generated) io.out(`Password: ${password}`);
    } else if (key === "api-key create") {
      const org = await orgBySlug(values.org);
      const scopes = z
        .array(z.enum(SCOPES))
        .min(1)
        .safeParse(
          values.scopes
            ?.split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        );
      if (!scopes.success) throw new UsageError(`--scopes must list some of ${SCOPES.join(",")}`);
      const out = await issueApiKey(org.id, { name: values.name ?? "cli", scopes: scopes.data }, SYSTEM);
      io.out(`Created API key ${out.prefix}… (${out.scopes.join(",")}) for ${org.slug}. It is shown once:`);
      io.out(out.key);
    } else {
      const cmd = cliCommand(key);
      if (!cmd) throw new UsageError(`unknown command "${key}"`);
      await cmd.run({ values, positionals, io });
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith?.("ERR_PARSE_ARGS")) {
      io.err(`error: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    io.err(`error: ${(e as Error).message}`);
    return 1;
  } finally {
    await disconnectDb();
    await closeEmbedded();
  }
}
