/**
 * The maintained list of AI vendors and products, as their names appear on card statements and
 * expense reports (merchant descriptors are upper-cased and truncated by card networks, e.g.
 * "OPENAI *CHATGPT SUBSCR", "CLAUDE.AI SUBSCRIPTION", "CURSOR, AI POWERED IDE"). Matching is a
 * case-insensitive substring test on the merchant, then the description; the longest pattern wins.
 * Organisations add their own rules in front of this list (lib/shadow-ai/match.ts), including
 * `ignore` rules for false positives. Kept short and specific on purpose: a pattern like "AI"
 * alone would match half a statement.
 */
export type VendorPattern = { pattern: string; vendor: string; product: string };

export const MAINTAINED_VENDORS: readonly VendorPattern[] = [
  { pattern: "OPENAI *CHATGPT", vendor: "OpenAI", product: "ChatGPT" },
  { pattern: "CHATGPT", vendor: "OpenAI", product: "ChatGPT" },
  { pattern: "OPENAI", vendor: "OpenAI", product: "OpenAI API" },
  { pattern: "CLAUDE.AI", vendor: "Anthropic", product: "Claude" },
  { pattern: "ANTHROPIC", vendor: "Anthropic", product: "Claude / API" },
  { pattern: "CURSOR, AI POWERED IDE", vendor: "Anysphere", product: "Cursor" },
  { pattern: "CURSOR AI", vendor: "Anysphere", product: "Cursor" },
  { pattern: "CURSOR USAGE", vendor: "Anysphere", product: "Cursor" },
  { pattern: "GITHUB COPILOT", vendor: "GitHub", product: "Copilot" },
  { pattern: "COPILOT PRO", vendor: "Microsoft", product: "Copilot Pro" },
  { pattern: "PERPLEXITY", vendor: "Perplexity", product: "Perplexity Pro" },
  { pattern: "MIDJOURNEY", vendor: "Midjourney", product: "Midjourney" },
  { pattern: "GOOGLE *GEMINI", vendor: "Google", product: "Gemini" },
  { pattern: "GEMINI ADVANCED", vendor: "Google", product: "Gemini" },
  { pattern: "GOOGLE ONE AI", vendor: "Google", product: "Gemini (Google One AI Premium)" },
  { pattern: "MISTRAL AI", vendor: "Mistral", product: "Le Chat / API" },
  { pattern: "ELEVENLABS", vendor: "ElevenLabs", product: "ElevenLabs" },
  { pattern: "JASPER.AI", vendor: "Jasper", product: "Jasper" },
  { pattern: "CHARACTER.AI", vendor: "Character.AI", product: "c.ai+" },
  { pattern: "POE.COM", vendor: "Quora", product: "Poe" },
  { pattern: "HUGGINGFACE", vendor: "Hugging Face", product: "Hugging Face" },
  { pattern: "HUGGING FACE", vendor: "Hugging Face", product: "Hugging Face" },
  { pattern: "REPLICATE", vendor: "Replicate", product: "Replicate" },
  { pattern: "RUNWAYML", vendor: "Runway", product: "Runway" },
  { pattern: "SUNO INC", vendor: "Suno", product: "Suno" },
  { pattern: "WINDSURF", vendor: "Codeium", product: "Windsurf" },
  { pattern: "CODEIUM", vendor: "Codeium", product: "Windsurf" },
  { pattern: "REPLIT", vendor: "Replit", product: "Replit" },
  { pattern: "OTTER.AI", vendor: "Otter.ai", product: "Otter" },
  { pattern: "DEEPL", vendor: "DeepL", product: "DeepL Pro" },
  { pattern: "X.AI", vendor: "xAI", product: "Grok" },
  { pattern: "GROQ", vendor: "Groq", product: "GroqCloud" },
  { pattern: "TOGETHER AI", vendor: "Together AI", product: "Together AI" },
  { pattern: "COHERE", vendor: "Cohere", product: "Cohere" },
];
