import { expect, test } from "vitest";
import { modelIdentity } from "./focus-usage-rows";

// SkuPriceDetails model identity (FOCUS_Spec PR #2442): the developer from the model name, the
// family and version from a dated id, the id as billed
test.each([
  [
    "openai",
    "gpt-4o-2024-08-06",
    { ModelDeveloper: "OpenAI", ModelFamily: "gpt-4o", ModelId: "gpt-4o-2024-08-06", ModelVersion: "2024-08-06" },
  ],
  ["openai", "o1-mini", { ModelDeveloper: "OpenAI", ModelId: "o1-mini" }],
  [
    "anthropic",
    "claude-3-5-sonnet-20241022",
    { ModelDeveloper: "Anthropic", ModelFamily: "claude-3-5-sonnet", ModelId: "claude-3-5-sonnet-20241022", ModelVersion: "20241022" },
  ],
  // hosted elsewhere: the developer is still the model's maker
  [
    "bedrock",
    "us.anthropic.claude-3-5-sonnet-20241022-v2:0",
    {
      ModelDeveloper: "Anthropic",
      ModelFamily: "claude-3-5-sonnet",
      ModelId: "us.anthropic.claude-3-5-sonnet-20241022-v2:0",
      ModelVersion: "20241022",
    },
  ],
  ["google-vertex", "gemini-1.5-flash-002", { ModelDeveloper: "Google", ModelId: "gemini-1.5-flash-002" }],
  // unknown model: the provider is the best name we have
  ["self-hosted", "northwind-llama-3-70b-ft", { ModelDeveloper: "self-hosted", ModelId: "northwind-llama-3-70b-ft" }],
])("%s %s", (provider, model, expected) => {
  expect(modelIdentity(provider, model)).toEqual(expected);
});
