import { listCatalogModels, type CatalogModel } from "./catalog-rates";

/** Case-insensitive search over provider, model id and name; exact id matches first. Bounded. */
export function searchCatalog(q: string, limit = 50) {
  const needle = q.trim().toLowerCase();
  const all = listCatalogModels();
  const hits: CatalogModel[] = needle
    ? all.filter((m) => `${m.provider} ${m.model} ${m.name}`.toLowerCase().includes(needle))
    : all.filter((m) => !m.deprecated);
  const exact = (m: CatalogModel) => Number(m.model.toLowerCase() === needle);
  const priced = (m: CatalogModel) => Number(m.inputPerMTok !== null || m.outputPerMTok !== null);
  hits.sort(
    (a, b) =>
      exact(b) - exact(a) ||
      priced(b) - priced(a) ||
      Number(a.deprecated) - Number(b.deprecated) ||
      a.provider.localeCompare(b.provider) ||
      a.model.localeCompare(b.model),
  );
  return hits.slice(0, limit).map((m) => ({
    provider: m.provider,
    provider_name: m.providerName,
    model: m.model,
    name: m.name,
    deprecated: m.deprecated,
    input_per_mtok_usd: m.inputPerMTok,
    output_per_mtok_usd: m.outputPerMTok,
    cached_input_per_mtok_usd: m.cachedInputPerMTok,
  }));
}
