/**
 * quantbook: a notebook-first quant research SDK for Deno. Tick data from Tardis.dev,
 * factors and indicators, LLM signals on any OpenAI-compatible endpoint, an honest
 * vectorized backtester and plotly charts. `./frame` (danfojs) is a separate export to keep
 * this module light.
 *
 * @example
 * ```ts
 * import { rollingMean } from "@quantbook/sdk";
 * rollingMean(new Float64Array([1, 2, 3, 4]), 2); // [NaN, 1.5, 2.5, 3.5]
 * ```
 *
 * @module
 */
export * from "./lib/series/mod.ts";
export * from "./lib/factors/mod.ts";
export * from "./lib/tardis/mod.ts";
export * from "./lib/llm/mod.ts";
export * from "./lib/backtest/mod.ts";
export * from "./lib/plot/mod.ts";
