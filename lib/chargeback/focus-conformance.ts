/**
 * The FOCUS rules the export is held to (docs/decisions/021-focus-1-2-export.md and
 * 041-focus-1-3.md), checked on the CSV as written: a test runs it on every export, so a
 * regression names the rule. Pure. Each rule cites the column's normative text in FOCUS_Spec
 * (v1.2: specification/columns/*.md; v1.3: specification/datasets/cost_and_usage/columns/*.md).
 */
export type FocusVersion = "1.2" | "1.3";
export const FOCUS_VERSIONS = ["1.3", "1.2"] as const satisfies readonly FocusVersion[];
export const FOCUS_12_MANDATORY = [
  "BilledCost",
  "BillingAccountId",
  "BillingAccountName",
  "BillingCurrency",
  "BillingPeriodEnd",
  "BillingPeriodStart",
  "ChargeCategory",
  "ChargeClass",
  "ChargeDescription",
  "ChargePeriodEnd",
  "ChargePeriodStart",
  "ContractedCost",
  "EffectiveCost",
  "InvoiceIssuerName",
  "ListCost",
  "PricingQuantity",
  "PricingUnit",
  "ProviderName",
  "PublisherName",
  "ServiceCategory",
  "ServiceName",
] as const;

/**
 * FOCUS 1.3 makes ServiceProviderName (replacing ProviderName) and HostProviderName mandatory;
 * ProviderName and PublisherName are deprecated in 1.3 but still MUST be present.
 */
export const FOCUS_13_MANDATORY = [...FOCUS_12_MANDATORY, "HostProviderName", "ServiceProviderName"] as const;

/**
 * SkuPriceDetails keys FOCUS defines (anything else MUST begin with x_): the 1.2 set, plus in
 * 1.3 the model identity properties of the working draft (FOCUS_Spec PR #2442, merged).
 */
const SKU_PRICE_KEYS_12 = [
  "CoreCount",
  "DiskMaxIops",
  "DiskSpace",
  "DiskType",
  "GpuCount",
  "InstanceType",
  "InstanceSeries",
  "MemorySize",
  "NetworkMaxIops",
  "NetworkMaxThroughput",
  "OperatingSystem",
  "Redundancy",
  "StorageClass",
];
export const SKU_PRICE_KEYS: Record<FocusVersion, Set<string>> = {
  "1.2": new Set(SKU_PRICE_KEYS_12),
  "1.3": new Set([...SKU_PRICE_KEYS_12, "ModelDeveloper", "ModelFamily", "ModelId", "ModelVersion"]),
};

/** Columns FOCUS 1.3 adds (provider-calculated split cost allocation, participating entities). */
const FOCUS_13_ADDED = [
  "AllocatedMethodDetails",
  "AllocatedMethodId",
  "AllocatedResourceId",
  "AllocatedResourceName",
  "AllocatedTags",
  "ContractApplied",
  "HostProviderName",
  "ServiceProviderName",
];

/** Every column FOCUS 1.2 defines; anything else must carry the x_ prefix. */
const FOCUS_12_COLUMNS = new Set<string>([
  ...FOCUS_12_MANDATORY,
  "AvailabilityZone",
  "BillingAccountType",
  "CapacityReservationId",
  "CapacityReservationStatus",
  "ChargeFrequency",
  "CommitmentDiscountCategory",
  "CommitmentDiscountId",
  "CommitmentDiscountName",
  "CommitmentDiscountQuantity",
  "CommitmentDiscountStatus",
  "CommitmentDiscountType",
  "CommitmentDiscountUnit",
  "ConsumedQuantity",
  "ConsumedUnit",
  "ContractedUnitPrice",
  "InvoiceId",
  "ListUnitPrice",
  "PricingCategory",
  "PricingCurrency",
  "PricingCurrencyContractedUnitPrice",
  "PricingCurrencyEffectiveCost",
  "PricingCurrencyListUnitPrice",
  "RegionId",
  "RegionName",
  "ResourceId",
  "ResourceName",
  "ResourceType",
  "ServiceSubcategory",
  "SkuId",
  "SkuMeter",
  "SkuPriceDetails",
  "SkuPriceId",
  "SubAccountId",
  "SubAccountName",
  "SubAccountType",
  "Tags",
]);
/**
 * Mandatory columns FOCUS 1.2 lets be null in some rows (ChargeClass and PricingQuantity /
 * PricingUnit have their own rules below); every other mandatory column MUST NOT be null.
 */
const NULLABLE_MANDATORY = new Set<string>(["BillingAccountName", "ChargeClass", "ChargeDescription", "PricingQuantity", "PricingUnit"]);
const NOT_NULL = FOCUS_12_MANDATORY.filter((c) => !NULLABLE_MANDATORY.has(c));
const DECIMALS = ["BilledCost", "ContractedCost", "EffectiveCost", "ListCost", "PricingQuantity", "ConsumedQuantity"];
const DATES = ["BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd"];
const SERVICE_CATEGORIES = new Set([
  "AI and Machine Learning",
  "Analytics",
  "Business Applications",
  "Compute",
  "Databases",
  "Developer Tools",
  "Multicloud",
  "Identity",
  "Integration",
  "Internet of Things",
  "Management and Governance",
  "Media",
  "Migration",
  "Mobile",
  "Networking",
  "Security",
  "Storage",
  "Web",
  "Other",
]);
const AI_SUBCATEGORIES = new Set([
  "AI Platforms",
  "Bots",
  "Generative AI",
  "Machine Learning",
  "Natural Language Processing",
  "Other (AI and Machine Learning)",
]);

export type Violation = { rule: string; row: number | null; column: string; value?: string | null };

const NUMERIC = /^-?(\d+)(\.\d+)?(E-?\d+)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const isNull = (v: string | null | undefined) => v === null || v === undefined || v === "";

export function checkFocus12(header: string[], rows: Record<string, string>[]): Violation[] {
  return checkFocus("1.2", header, rows);
}

export function checkFocus(version: FocusVersion, header: string[], rows: Record<string, string>[]): Violation[] {
  const out: Violation[] = [];
  const v13 = version === "1.3";
  const mandatory: readonly string[] = v13 ? FOCUS_13_MANDATORY : FOCUS_12_MANDATORY;
  const known = v13 ? new Set([...FOCUS_12_COLUMNS, ...FOCUS_13_ADDED]) : FOCUS_12_COLUMNS;
  const notNull = v13 ? [...NOT_NULL, "ServiceProviderName", "HostProviderName"] : NOT_NULL;
  for (const c of mandatory) if (!header.includes(c)) out.push({ rule: "column MUST be present", row: null, column: c });
  for (const c of header)
    if (!known.has(c) && !c.startsWith("x_")) out.push({ rule: "custom columns MUST use the x_ prefix", row: null, column: c });
  rows.forEach((r, i) => {
    const row = i + 2; // CSV line number
    const bad = (rule: string, column: string) => out.push({ rule, row, column, value: r[column] });
    const cat = r.ChargeCategory;
    const usageOrPurchase = (cat === "Usage" || cat === "Purchase") && r.ChargeClass !== "Correction";
    for (const c of notNull) if (isNull(r[c])) bad("MUST NOT be null", c);
    for (const c of DECIMALS) if (!isNull(r[c]) && !NUMERIC.test(r[c])) bad("NumericFormat: a plain decimal", c);
    for (const c of DATES) if (!isNull(r[c]) && !DATETIME.test(r[c])) bad("DateTimeFormat: ISO 8601 UTC with Z", c);
    if (!/^[A-Z]{3}$/.test(r.BillingCurrency ?? "")) bad("CurrencyFormat: ISO 4217", "BillingCurrency");
    if (!["Usage", "Purchase", "Tax", "Credit", "Adjustment"].includes(cat))
      bad("ChargeCategory MUST be one of the allowed values", "ChargeCategory");
    if (!isNull(r.ChargeClass) && r.ChargeClass !== "Correction") bad("ChargeClass MUST be null or Correction", "ChargeClass");
    if (!isNull(r.ChargeFrequency) && !["One-Time", "Recurring", "Usage-Based"].includes(r.ChargeFrequency))
      bad("ChargeFrequency MUST be one of the allowed values", "ChargeFrequency");
    if (cat === "Purchase" && r.ChargeFrequency === "Usage-Based")
      bad("ChargeFrequency MUST NOT be Usage-Based for a Purchase", "ChargeFrequency");
    if (usageOrPurchase && isNull(r.PricingQuantity)) bad("PricingQuantity MUST NOT be null for Usage or Purchase", "PricingQuantity");
    if (cat === "Tax" && !isNull(r.PricingQuantity)) bad("PricingQuantity MUST be null for Tax", "PricingQuantity");
    if (isNull(r.PricingQuantity) !== isNull(r.PricingUnit)) bad("PricingUnit MUST be null exactly when PricingQuantity is", "PricingUnit");
    if (header.includes("ConsumedQuantity")) {
      if (cat !== "Usage" && !isNull(r.ConsumedQuantity))
        bad("ConsumedQuantity MUST be null when ChargeCategory is not Usage", "ConsumedQuantity");
      if (cat === "Usage" && r.ChargeClass !== "Correction" && isNull(r.ConsumedQuantity))
        bad("ConsumedQuantity MUST NOT be null for Usage", "ConsumedQuantity");
      if (isNull(r.ConsumedQuantity) !== isNull(r.ConsumedUnit))
        bad("ConsumedUnit MUST be null exactly when ConsumedQuantity is", "ConsumedUnit");
    }
    if (header.includes("SkuId") && usageOrPurchase && isNull(r.SkuId)) bad("SkuId MUST NOT be null for Usage or Purchase", "SkuId");
    if (header.includes("SkuPriceId") && usageOrPurchase && isNull(r.SkuPriceId))
      bad("SkuPriceId MUST NOT be null for Usage or Purchase", "SkuPriceId");
    if (header.includes("SkuPriceDetails") && !isNull(r.SkuPriceDetails)) {
      if (isNull(r.SkuPriceId)) bad("SkuPriceDetails MUST be null when SkuPriceId is null", "SkuPriceDetails");
      try {
        const o = JSON.parse(r.SkuPriceDetails) as unknown;
        if (typeof o !== "object" || o === null || Array.isArray(o))
          bad("SkuPriceDetails: KeyValueFormat (a JSON object)", "SkuPriceDetails");
        else
          for (const k of Object.keys(o))
            if (!k.startsWith("x_") && !SKU_PRICE_KEYS[version].has(k))
              bad("SkuPriceDetails property keys MUST begin with x_ unless FOCUS-defined", "SkuPriceDetails");
      } catch {
        bad("SkuPriceDetails: KeyValueFormat (a JSON object)", "SkuPriceDetails");
      }
    }
    if (header.includes("PricingCategory")) {
      if (!isNull(r.PricingCategory) && !["Standard", "Dynamic", "Committed", "Other"].includes(r.PricingCategory))
        bad("PricingCategory MUST be one of the allowed values", "PricingCategory");
      if (usageOrPurchase && isNull(r.PricingCategory)) bad("PricingCategory MUST NOT be null for Usage or Purchase", "PricingCategory");
    }
    if (cat === "Credit" || cat === "Adjustment") {
      for (const c of ["ListCost", "ContractedCost", "EffectiveCost"])
        if (r[c] !== r.BilledCost) bad(`${c} of a charge unrelated to other charges MUST match BilledCost`, c);
    }
    if (!SERVICE_CATEGORIES.has(r.ServiceCategory)) bad("ServiceCategory MUST be one of the allowed values", "ServiceCategory");
    if (
      header.includes("ServiceSubcategory") &&
      r.ServiceCategory === "AI and Machine Learning" &&
      !AI_SUBCATEGORIES.has(r.ServiceSubcategory)
    )
      bad("ServiceSubcategory MUST be an allowed value under its ServiceCategory", "ServiceSubcategory");
    if (v13 && header.includes("AllocatedMethodId")) {
      // provider-calculated split cost allocation: a method names every allocated charge; the
      // allocated portion names what it went to, the unallocated portion does not
      if (!isNull(r.AllocatedResourceId) && isNull(r.AllocatedMethodId))
        bad("AllocatedMethodId MUST NOT be null when a charge is related to a split cost allocation", "AllocatedMethodId");
      if (!isNull(r.AllocatedResourceName) && isNull(r.AllocatedResourceId))
        bad("AllocatedResourceName MUST be null when AllocatedResourceId is null", "AllocatedResourceName");
    }
    for (const c of [
      "ServiceName",
      "ChargeDescription",
      "ProviderName",
      "PublisherName",
      "InvoiceIssuerName",
      ...(v13 ? ["ServiceProviderName", "HostProviderName"] : []),
    ])
      if (/[^\x20-\x7E]/.test(r[c] ?? "")) bad("StringHandling: ASCII text", c);
    if (r.ChargePeriodEnd <= r.ChargePeriodStart) bad("ChargePeriodEnd MUST be after ChargePeriodStart", "ChargePeriodEnd");
    if (r.ChargePeriodStart < r.BillingPeriodStart || r.ChargePeriodEnd > r.BillingPeriodEnd)
      bad("the charge period lies inside the billing period", "ChargePeriodStart");
    // Spendline's own rule (issue 13): list price is never below what was billed
    if (usageOrPurchase && NUMERIC.test(r.ListCost ?? "") && NUMERIC.test(r.BilledCost ?? "") && Number(r.ListCost) < Number(r.BilledCost))
      bad("ListCost is not below BilledCost", "ListCost");
  });
  return out;
}
