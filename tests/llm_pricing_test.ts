import assert from "node:assert/strict";
import { z } from "zod";
import {
  createLlm,
  findModelPricing,
  LLM_PRICING,
  llmBatchTotals,
  llmCostUsd,
  llmJson,
  mapLlm,
} from "../lib/llm/mod.ts";
import { startOpenAiServer } from "./servers/openai_server.ts";

const Answer = z.object({ ok: z.boolean() });
const msg = (text: string) => [{ role: "user" as const, content: text }];

Deno.test("every price is dated and priced per 1M input, cached input and output tokens", () => {
  for (const [model, p] of Object.entries(LLM_PRICING)) {
    assert.match(p.asOf, /^\d{4}-\d{2}-\d{2}$/, model);
    assert.ok(!Number.isNaN(Date.parse(p.asOf)), model);
    for (const v of [p.inputPerM, p.cachedInputPerM, p.outputPerM]) assert.ok(v >= 0, model);
    assert.ok(p.cachedInputPerM <= p.inputPerM, `${model}: cached input is not dearer`);
  }
  assert.equal(findModelPricing("gpt-4o-mini-2024-07-18"), LLM_PRICING["gpt-4o-mini"]);
  assert.equal(findModelPricing("gpt-4o-2024-08-06"), LLM_PRICING["gpt-4o"]);
  assert.equal(findModelPricing("my-local-model"), undefined);
  const usage = { promptTokens: 1_000_000, cachedPromptTokens: 400_000, completionTokens: 500_000 };
  // 600k at 0.15 + 400k at 0.075 + 500k at 0.6 per million
  assert.ok(Math.abs(llmCostUsd("gpt-4o-mini", usage) - (0.09 + 0.03 + 0.3)) < 1e-12);
  assert.ok(Number.isNaN(llmCostUsd("my-local-model", usage)), "unpriced is NaN, not 0");
});

Deno.test("cost per call comes from the reported usage (cached input billed at its rate); prices are overridable", async () => {
  const server = startOpenAiServer({
    reply: () => ({
      content: '{"ok":true}',
      usage: { prompt_tokens: 2_000, completion_tokens: 100, cached_tokens: 1_500 },
    }),
  });
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "gpt-4o-mini" });
    const r = await llmJson(llm, { messages: msg("cost"), schema: Answer });
    assert.ok(r.ok);
    assert.deepEqual(r.usage, {
      promptTokens: 2_000,
      cachedPromptTokens: 1_500,
      completionTokens: 100,
    });
    const expected = (500 * 0.15 + 1_500 * 0.075 + 100 * 0.6) / 1e6;
    assert.ok(Math.abs(r.costUsd - expected) < 1e-15, `${r.costUsd} vs ${expected}`);
    assert.ok(Math.abs(llm.totals.costUsd - expected) < 1e-15);

    const local = createLlm({
      baseURL: server.baseURL,
      model: "my-local-model",
      pricing: {
        "my-local-model": { inputPerM: 0, cachedInputPerM: 0, outputPerM: 0, asOf: "2026-01-01" },
      },
    });
    const free = await llmJson(local, { messages: msg("free"), schema: Answer });
    assert.ok(free.ok && free.costUsd === 0, "a priced local model costs 0, not NaN");

    const discounted = createLlm({
      baseURL: server.baseURL,
      model: "gpt-4o-mini",
      pricing: {
        "gpt-4o-mini": { inputPerM: 1, cachedInputPerM: 1, outputPerM: 1, asOf: "2026-01-01" },
      },
    });
    const d = await llmJson(discounted, { messages: msg("gateway"), schema: Answer });
    assert.ok(d.ok && Math.abs(d.costUsd - 2_100 / 1e6) < 1e-15, "override wins over the table");
  } finally {
    await server.close();
  }
});

Deno.test("batch totals sum items, failures, cache hits, tokens and cost", async () => {
  const server = startOpenAiServer();
  const dir = await Deno.makeTempDir();
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "gpt-4o-mini",
      cacheDir: dir,
      maxRetries: 0,
    });
    const prompts = ["a", "b", "a", "c [[500]]"];
    const results = [];
    for (const p of prompts) results.push(await llmJson(llm, { messages: msg(p), schema: Answer }));
    const totals = llmBatchTotals(results);
    assert.deepEqual(
      [totals.items, totals.ok, totals.failed, totals.cached],
      [4, 3, 1, 1],
    );
    const spent = results.reduce((s, r) => s + r.costUsd, 0);
    assert.ok(totals.costUsd > 0 && Math.abs(totals.costUsd - spent) < 1e-15);
    assert.equal(
      totals.promptTokens,
      results.reduce((s, r) => s + r.usage.promptTokens, 0),
    );
    const mapped = await mapLlm(prompts, (p) => llmJson(llm, { messages: msg(p), schema: Answer }));
    assert.deepEqual(mapped.map((m) => m.ok), [true, true, true, false]);
    assert.match(!mapped[3].ok ? mapped[3].error : "", /HTTP 500/);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a server that reports no usage gets an estimate, flagged, not a free call", async () => {
  const server = startOpenAiServer({ reply: () => ({ content: '{"ok":true}', noUsage: true }) });
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "gpt-4o-mini" });
    for (const stream of [false, true]) {
      const r = await llmJson(llm, {
        messages: msg(`${"x".repeat(400)} ${stream}`),
        schema: Answer,
        stream,
      });
      assert.ok(r.ok);
      assert.ok(r.usage.promptTokens >= 100, `${stream}: ${r.usage.promptTokens}`);
      assert.ok(r.usage.completionTokens >= 3);
      assert.ok(r.costUsd > 0);
      assert.match(r.attempts.at(-1)!.message, /no usage reported, estimated/);
    }
  } finally {
    await server.close();
  }
});
