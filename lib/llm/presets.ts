import type { JsonMode } from "./types.ts";

/**
 * Connection data for one OpenAI-compatible provider: where it lives, which models it
 * serves, how each model is asked for JSON, and which environment variable usually holds
 * its key. Presets are plain data: pass one to `createLlm({ preset })` or copy its fields.
 *
 * @example
 * ```ts
 * import { LLM_PRESETS } from "@quantbook/sdk/llm";
 * LLM_PRESETS.deepseek.baseURL; // "https://api.deepseek.com/v1"
 * ```
 */
export interface LlmPreset {
  /** Provider name shown in reports. */
  name: string;
  /** Base URL of the OpenAI-compatible API (ends before `/chat/completions`). */
  baseURL: string;
  /** Default model. */
  model: string;
  /** Other models the provider serves, usable as `fallbackModels`. */
  models: string[];
  /** JSON mode every model of the provider supports (per-model overrides in `jsonModes`). */
  jsonMode: JsonMode;
  /** Per-model JSON mode overrides. */
  jsonModes?: Record<string, JsonMode>;
  /** Environment variable that conventionally holds the provider's key, if any. */
  apiKeyEnv?: string;
  /** Whether the endpoint needs an API key at all (local servers do not). */
  needsApiKey: boolean;
}

/**
 * Built-in presets (checked 2025-09): OpenAI, DeepSeek (JSON mode only: `json_schema` is a
 * 400 there), Gemini's OpenAI-compatible endpoint, a HolySheep-style multi-provider gateway,
 * local Ollama and local vLLM.
 *
 * @example
 * ```ts
 * import { createLlm, LLM_PRESETS } from "@quantbook/sdk/llm";
 * const llm = createLlm({ preset: LLM_PRESETS.ollama, model: "qwen2.5:7b" });
 * ```
 */
export const LLM_PRESETS: Readonly<Record<string, LlmPreset>> = {
  openai: {
    name: "OpenAI",
    baseURL: "https://api.openai.com/v1",
    model: "gpt-4o-mini",
    models: ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1", "gpt-5-mini", "gpt-5"],
    jsonMode: "json_schema",
    apiKeyEnv: "OPENAI_API_KEY",
    needsApiKey: true,
  },
  deepseek: {
    name: "DeepSeek",
    baseURL: "https://api.deepseek.com/v1",
    model: "deepseek-chat",
    models: ["deepseek-chat", "deepseek-reasoner"],
    jsonMode: "json_object",
    apiKeyEnv: "DEEPSEEK_API_KEY",
    needsApiKey: true,
  },
  gemini: {
    name: "Gemini (OpenAI-compatible)",
    baseURL: "https://generativelanguage.googleapis.com/v1beta/openai",
    model: "gemini-2.5-flash",
    models: ["gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.5-pro", "gemini-2.0-flash"],
    jsonMode: "json_schema",
    apiKeyEnv: "GEMINI_API_KEY",
    needsApiKey: true,
  },
  holysheep: {
    name: "HolySheep gateway",
    baseURL: "https://api.holysheep.ai/v1",
    model: "deepseek-v3.2",
    models: ["deepseek-v3.2", "gpt-4.1", "gemini-2.5-flash", "claude-sonnet-4.5"],
    jsonMode: "json_object",
    jsonModes: { "gpt-4.1": "json_schema" },
    apiKeyEnv: "HOLYSHEEP_API_KEY",
    needsApiKey: true,
  },
  ollama: {
    name: "Ollama (local)",
    baseURL: "http://127.0.0.1:11434/v1",
    model: "qwen2.5:7b",
    models: ["qwen2.5:7b", "llama3.1:8b", "mistral:7b"],
    jsonMode: "json_schema",
    needsApiKey: false,
  },
  vllm: {
    name: "vLLM (local)",
    baseURL: "http://127.0.0.1:8000/v1",
    model: "Qwen/Qwen2.5-7B-Instruct",
    models: ["Qwen/Qwen2.5-7B-Instruct"],
    jsonMode: "json_schema",
    needsApiKey: false,
  },
};

/**
 * The JSON mode to use for a model when nothing says otherwise, guessed from its name:
 * OpenAI, Gemini and local servers take strict `json_schema`; DeepSeek and unknown models
 * get JSON mode with the schema in the prompt (a 400 on `json_schema` also downgrades).
 *
 * @example
 * ```ts
 * import { defaultJsonMode } from "@quantbook/sdk/llm";
 * defaultJsonMode("deepseek-chat"); // "json_object"
 * defaultJsonMode("gpt-4o-mini"); // "json_schema"
 * ```
 */
export function defaultJsonMode(model: string): JsonMode {
  const m = model.toLowerCase();
  if (m.includes("deepseek")) return "json_object";
  if (/^(gpt-4o|gpt-4\.1|gpt-5|o[134](-|$)|gemini-)/.test(m)) return "json_schema";
  return "json_object";
}
