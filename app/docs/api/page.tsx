import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument } from "@/lib/api/openapi";
import s from "./api-docs.module.css";
import { Logo } from "@/components/ui/logo";

export const metadata: Metadata = { title: "API reference — Spendline" };
export const dynamic = "force-static";

type Schema = Record<string, unknown>;
type Param = { name: string; in: string; required: boolean; description?: string; schema: Schema };
type Op = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters: Param[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
};

/** A one-line type for a parameter schema: string, integer ≤ 500, "a" | "b", … */
function typeOf(schema: Schema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const t = String(schema.type ?? (schema.anyOf ? "string" : "any"));
  const bits = [
    schema.format,
    schema.pattern ? `pattern ${schema.pattern}` : null,
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : null,
  ];
  return [t, ...bits.filter(Boolean)].join(", ");
}

/** Text with `code` spans (the descriptions use backticks). */
function Prose({ text }: { text: string }) {
  return <>{text.split("`").map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}</>;
}

/**
 * The API reference, rendered from the same OpenAPI document that /api/v1/openapi.json serves
 * (generated from lib/api/endpoints.ts). Public: it describes the API and shows no data.
 */
export default function ApiReference() {
  const doc = openApiDocument() as { info: { description: string }; paths: Record<string, Record<string, Op>> };
  const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(ops.map((o) => o.op.tags[0]))].sort();
  return (
    <main className={s.page}>
      <header className={s.head}>
        <Link href="/overview" className={s.brand}>
          <Logo size={28} /> Spendline
        </Link>
        <h1>API reference</h1>
        <p className="muted">
          <Prose text={doc.info.description} />
        </p>
        <p>
          Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Authenticate with{" "}
          <code>Authorization: Bearer &lt;key&gt;</code> (Admin → API keys) or a browser session.
        </p>
        <nav className={s.toc} aria-label="Sections">
          {tags.map((t) => (
            <a key={t} href={`#${t}`}>
              {t}
            </a>
          ))}
        </nav>
      </header>
      {tags.map((tag) => (
        <section key={tag} id={tag}>
          <h2 className={s.tag}>{tag}</h2>
          {ops
            .filter((o) => o.op.tags[0] === tag)
            .map(({ path, method, op }) => {
              const ok = Object.entries(op.responses).find(([code]) => code.startsWith("2"));
              const errors = Object.entries(op.responses).filter(([code]) => !code.startsWith("2"));
              return (
                <article key={op.operationId} id={op.operationId} className={s.op}>
                  <h3 className={s.sig}>
                    <span className={`${s.method} ${s[method] ?? ""}`}>{method.toUpperCase()}</span> <code>{path}</code>
                  </h3>
                  <p className={s.summary}>{op.summary}</p>
                  {op.description.split("\n\n").map((para, i) => (
                    <p key={i} className="muted">
                      <Prose text={para} />
                    </p>
                  ))}
                  {op.parameters.length > 0 && (
                    <div className="table-wrap">
                      <table className="table">
                        <thead>
                          <tr>
                            <th>parameter</th>
                            <th>in</th>
                            <th>type</th>
                            <th>description</th>
                          </tr>
                        </thead>
                        <tbody>
                          {op.parameters.map((p) => (
                            <tr key={p.in + p.name}>
                              <td>
                                <code>{p.name}</code>
                                {p.required ? " *" : ""}
                              </td>
                              <td>{p.in}</td>
                              <td className={s.type}>{typeOf(p.schema)}</td>
                              <td>{p.description ?? ""}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                  {op.requestBody &&
                    Object.entries(op.requestBody.content).map(([type, c]) => (
                      <details key={type} className={s.schema}>
                        <summary>Request body ({type})</summary>
                        <pre>{JSON.stringify(c.schema, null, 2)}</pre>
                      </details>
                    ))}
                  {ok &&
                    Object.entries(ok[1].content ?? {}).map(([type, c]) => (
                      <details key={type} className={s.schema}>
                        <summary>
                          {ok[0]} answer ({type})
                        </summary>
                        <pre>{JSON.stringify(c.schema, null, 2)}</pre>
                      </details>
                    ))}
                  <p className={s.errors}>
                    Errors: <Prose text={errors.map(([code, r]) => `${code} ${r.description}`).join(" · ")} />
                  </p>
                </article>
              );
            })}
        </section>
      ))}
    </main>
  );
}
