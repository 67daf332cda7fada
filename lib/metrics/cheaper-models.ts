import "server-only";
import { getRates, listCatalogModels, type CatalogModel } from "../pricing/catalog-rates";
import { divHalfEven, parseUsd, type Pico } from "../money";
import { runtimeSlot } from "../runtime";

/**
 * Freemium-trap recommendation: catalog models of the same provider that would have served
 * the tenant's token mix for at most its predicted LTV. The estimate re-prices the tenant's
 * window tokens (input, output) at the candidate's current catalog rates; cached-token
 * discounts are ignored, so it errs on the expensive side.
 */
const catalog = runtimeSlot<CatalogModel[]>("TextCatalog");
/** Not drop-in substitutes for a text model: speech, realtime, images, embeddings, search. */
const NOT_TEXT = /realtime|audio|tts|transcri|whisper|image|dall-e|embed|moderation|search|computer-use|^(babbage|davinci|ada|curie)\b/i;
/** Current, priced text models of the bundled catalog (also the candidates of savings opportunities). */
export function textCatalogModels(): CatalogModel[] {
  return (catalog.value ??= listCatalogModels().filter(
    (m) => !m.deprecated && m.inputPerMTok !== null && m.outputPerMTok !== null && !NOT_TEXT.test(m.model),
  ));
}

export function priceTokens(input: bigint, output: bigint, inPerM: string, outPerM: string): Pico {
  return divHalfEven(parseUsd(inPerM) * input + parseUsd(outPerM) * output, 1_000_000n);
}

export type Candidate = { provider: string; model: string; estimatedCost: Pico };

export function cheaperModels(
  usedModel: string,
  input: bigint,
  output: bigint,
  currentCost: Pico,
  ltv: Pico,
  at: Date,
  limit = 3,
): Candidate[] {
  const used = getRates(null, usedModel, at);
  if (!used) return [];
  const out: Candidate[] = [];
  for (const m of textCatalogModels()) {
    if (m.provider !== used.provider || m.model === used.model) continue;
    const est = priceTokens(input, output, m.inputPerMTok!, m.outputPerMTok!);
    if (est <= ltv && est < currentCost) out.push({ provider: m.provider, model: m.model, estimatedCost: est });
  }
  // the dearest models that still fit first: the closest step down from what the tenant uses
  return out
    .sort((a, b) => (b.estimatedCost > a.estimatedCost ? 1 : b.estimatedCost < a.estimatedCost ? -1 : a.model.localeCompare(b.model)))
    .slice(0, limit);
}
