import { z, type ZodType } from "zod";
import { endpoints } from "./endpoints";
import { ERROR_STATUS } from "../core/errors";
import type { Endpoint } from "./route-contract";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the endpoint list (lib/api/endpoints.ts)
 * and its zod schemas, so the reference cannot drift from what the routes accept and answer.
 * Served at /api/v1/openapi.json and rendered at /docs/api.
 */
type Json = Record<string, unknown>;

function jsonSchema(schema: ZodType, io: "input" | "output"): Json {
  const s = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  delete s.$schema;
  return s;
}

const AUTH_TEXT: Record<NonNullable<Endpoint["auth"]>, string> = {
  session: "a signed-in person (session cookie)",
  key: "an API key (`Authorization: Bearer <key>`)",
  either: "a signed-in person or an API key",
};

function security(e: Endpoint) {
  const auth = e.auth ?? "either";
  if (auth === "session") return [{ session: [] }];
  if (auth === "key") return [{ apiKey: [] }];
  return [{ session: [] }, { apiKey: [] }];
}

function parameters(e: Endpoint) {
  const out: Json[] = [];
  for (const [name, description] of Object.entries(e.params ?? {})) {
    out.push({ name, in: "path", required: true, description, schema: { type: "string" } });
  }
  if (e.query) {
    const s = jsonSchema(e.query, "input");
    const props = (s.properties ?? {}) as Record<string, Json>;
    const required = new Set((s.required ?? []) as string[]);
    for (const [name, schema] of Object.entries(props)) {
      const { description, ...rest } = schema;
      out.push({ name, in: "query", required: required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  return out;
}

function requestBody(e: Endpoint) {
  if (e.body) return { required: true, content: { "application/json": { schema: jsonSchema(e.body, "input") } } };
  if (e.rawBody) {
    const content: Record<string, Json> = {};
    for (const [type, b] of Object.entries(e.rawBody)) {
      content[type] = {
        schema: b.schema ? { ...jsonSchema(b.schema, "input"), description: b.description } : { description: b.description },
      };
    }
    return { required: true, content };
  }
  return undefined;
}

function responses(e: Endpoint) {
  const ok: Json = { description: e.summary };
  const content: Record<string, Json> = {};
  if (e.response) content["application/json"] = { schema: jsonSchema(e.response, "output") };
  for (const [type, description] of Object.entries(e.otherResponses ?? {})) {
    content[type] = {
      schema: { type: "string", ...(type.includes("pdf") || type.includes("protobuf") ? { contentMediaType: type } : {}), description },
    };
  }
  if (Object.keys(content).length) ok.content = content;
  const out: Record<string, Json> = { [String(e.status ?? 200)]: ok };
  const errors: [number, string][] = [
    [400, "Invalid query parameters or body (`error.issues` names each field)"],
    [401, "Not signed in, or an invalid API key"],
    [403, "The role or the key's scope does not allow this"],
  ];
  if (e.params) errors.push([404, "No such object in your organisation"]);
  if (e.rawBody) errors.push([413, "Body too large"], [415, "Unsupported content type"]);
  errors.push([503, "Database unreachable; nothing was written (retry)"]);
  for (const [status, description] of errors) {
    out[String(status)] = { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  return out;
}

export function openApiDocument(): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const [key, e] of Object.entries(endpoints) as [string, Endpoint][]) {
    const tag = e.path.split("/")[3];
    const op: Json = {
      operationId: key.replace(/[^A-Za-z0-9]+/g, "_").replace(/_$/, ""),
      summary: e.summary,
      description: [e.description, `Who: ${AUTH_TEXT[e.auth ?? "either"]} with \`${e.capability}\`.`].filter(Boolean).join("\n\n"),
      tags: [tag],
      security: security(e),
      "x-capability": e.capability,
      parameters: parameters(e),
      responses: responses(e),
    };
    const body = requestBody(e);
    if (body) op.requestBody = body;
    (paths[e.path] ??= {})[e.method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Spendline API",
      version: "1",
      description:
        'Spendline\'s HTTP API: cost-event ingestion, the metrics read API, guardrail checks and the settings behind the dashboards. Money is a decimal string in US dollars (six decimals in answers); dates are ISO 8601 in UTC; periods are `from` inclusive, `to` exclusive. Errors always have the shape `{ "error": { "code", "message", "issues"? } }`.',
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }, { apiKey: [] }],
    tags: [...new Set(Object.values(endpoints).map((e) => e.path.split("/")[3]))].sort().map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key created under Admin → API keys, with scopes ingest, read or admin.",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The browser session of a signed-in person.",
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", enum: Object.keys(ERROR_STATUS) },
                message: { type: "string", description: "what went wrong and what to do" },
                issues: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["path", "message"],
                    properties: { path: { type: "string" }, message: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
