import type { Attribution } from "./types.js";

/**
 * Attribution carried through async calls. AsyncLocalStorage exists in Node, Bun, Deno and
 * most edge runtimes (Vercel edge, Cloudflare with nodejs_compat); reached through
 * process.getBuiltinModule so that bundlers for the browser do not choke on a static import.
 * Without it, withAttribution() still applies to calls made synchronously inside fn.
 */
type Als<T> = { getStore(): T | undefined; run<R>(store: T, fn: () => R): R };
type AlsCtor = new <T>() => Als<T>;

function findAls(): AlsCtor | null {
  const g = globalThis as {
    AsyncLocalStorage?: AlsCtor;
    process?: { getBuiltinModule?: (id: string) => { AsyncLocalStorage?: AlsCtor } | undefined };
  };
  if (g.AsyncLocalStorage) return g.AsyncLocalStorage;
  try {
    return g.process?.getBuiltinModule?.("node:async_hooks")?.AsyncLocalStorage ?? null;
  } catch {
    return null;
  }
}

export class AttributionContext {
  private readonly als: Als<Attribution> | null;
  private stack: Attribution[] = [];
  constructor() {
    const C = findAls();
    this.als = C ? new C<Attribution>() : null;
  }

  current(): Attribution | undefined {
    return this.als ? this.als.getStore() : this.stack[this.stack.length - 1];
  }

  run<R>(attrs: Attribution, fn: () => R): R {
    const merged = mergeAttribution(this.current(), attrs);
    if (this.als) return this.als.run(merged, fn);
    this.stack.push(merged);
    try {
      return fn();
    } finally {
      this.stack.pop();
    }
  }
}

export function mergeAttribution(...layers: (Attribution | undefined)[]): Attribution {
  const out: Attribution = {};
  for (const l of layers) {
    if (!l) continue;
    for (const [k, v] of Object.entries(l)) {
      if (v === undefined) continue;
      if (k === "metadata") out.metadata = { ...out.metadata, ...(v as Record<string, unknown>) };
      else (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
