import assert from "node:assert/strict";
import { z } from "zod";
import { createLlm, llmJson } from "../lib/llm/mod.ts";
import { AdaptiveRateLimiter } from "../lib/llm/_rate_limiter.ts";
import { backoffDelayMs, retryAfterMs } from "../lib/llm/_backoff.ts";
import { startOpenAiServer } from "./servers/openai_server.ts";

const Answer = z.object({ ok: z.boolean() });
const msg = (text: string) => [{ role: "user" as const, content: text }];
const OK = JSON.stringify({ ok: true });

Deno.test("429 with retry-after-ms and Retry-After seconds is honoured, then succeeds", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", retryBaseMs: 1 });
    let t0 = performance.now();
    const r1 = await llmJson(llm, { messages: msg("a [[seq:429,429,plain]]"), schema: Answer });
    assert.ok(r1.ok);
    assert.deepEqual(r1.attempts.map((a) => a.outcome), ["rate_limited", "rate_limited", "ok"]);
    assert.equal(r1.attempts[0].status, 429);
    assert.ok(performance.now() - t0 >= 38, "waited retry-after-ms twice");

    t0 = performance.now();
    const r2 = await llmJson(llm, { messages: msg("b [[seq:429s,plain]]"), schema: Answer });
    assert.ok(r2.ok);
    assert.ok(performance.now() - t0 >= 950, "waited Retry-After: 1 (seconds)");
  } finally {
    await server.close();
  }
});

Deno.test("500s are retried with backoff up to maxRetries, then an explicit failure", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      maxRetries: 2,
      retryBaseMs: 5,
    });
    const r = await llmJson(llm, { messages: msg("[[seq:500,plain]]"), schema: Answer });
    assert.ok(r.ok);
    assert.deepEqual(r.attempts.map((a) => a.outcome), ["server_error", "ok"]);
    const bad = await llmJson(llm, { messages: msg("[[500]]"), schema: Answer });
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && /HTTP 500/.test(bad.error) && /gave up after 3 attempts/.test(bad.error));
    assert.equal(server.calls, 2 + 3);
  } finally {
    await server.close();
  }
});

Deno.test("a per-call timeout aborts slow answers; a caller's signal aborts the call", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      timeoutMs: 100,
      maxRetries: 1,
      retryBaseMs: 1,
    });
    const t0 = performance.now();
    const r = await llmJson(llm, { messages: msg("[[slow]]"), schema: Answer });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && /timed out after 100 ms/.test(r.error));
    assert.deepEqual(r.attempts.map((a) => a.outcome), ["timeout", "timeout"]);
    assert.ok(performance.now() - t0 < 1500);

    const controller = new AbortController();
    const patient = createLlm({ baseURL: server.baseURL, model: "mock-1" });
    const pending = llmJson(patient, {
      messages: msg("x [[slow]]"),
      schema: Answer,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("user cancelled")), 30);
    await assert.rejects(pending, /user cancelled/);
  } finally {
    await server.close();
  }
});

Deno.test("the circuit breaker opens after consecutive failures and probes after the cool-down", async () => {
  let healthy = false;
  const server = startOpenAiServer({
    reply: () => (healthy ? { content: OK } : { status: 503, errorMessage: "down" }),
  });
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      maxRetries: 1,
      retryBaseMs: 1,
      breakerThreshold: 2,
      breakerCooldownMs: 80,
    });
    const first = await llmJson(llm, { messages: msg("1"), schema: Answer });
    assert.equal(first.ok, false);
    assert.equal(llm.breakerState("mock-1"), "open");
    const calls = server.calls;
    const refused = await llmJson(llm, { messages: msg("2"), schema: Answer });
    assert.ok(!refused.ok && /circuit breaker open/.test(refused.error));
    assert.equal(server.calls, calls, "no request while open");
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(llm.breakerState("mock-1"), "half-open");
    healthy = true;
    const probe = await llmJson(llm, { messages: msg("3"), schema: Answer });
    assert.ok(probe.ok);
    assert.equal(llm.breakerState("mock-1"), "closed");
  } finally {
    await server.close();
  }
});

Deno.test("the concurrency limit caps requests in flight", async () => {
  let inFlight = 0;
  let peak = 0;
  const server = startOpenAiServer({
    reply: async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 15));
      inFlight--;
      return { content: OK };
    },
  });
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", concurrency: 3 });
    const results = await Promise.all(
      Array.from(
        { length: 12 },
        (_, i) => llmJson(llm, { messages: msg(`q${i}`), schema: Answer }),
      ),
    );
    assert.ok(results.every((r) => r.ok));
    assert.equal(peak, 3);
  } finally {
    await server.close();
  }
});

Deno.test("the adaptive token bucket limits the rate, halves it after a 429 and recovers over a minute", async () => {
  const limiter = new AdaptiveRateLimiter({ requestsPerMinute: 600, tokensPerMinute: Infinity });
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) await limiter.acquire(10);
  assert.ok(performance.now() - t0 < 70, "a burst of 10 s worth of budget passes at once");
  const t1 = performance.now();
  await limiter.acquire(10);
  assert.ok(performance.now() - t1 >= 80, "then one request per 100 ms");
  limiter.onThrottled();
  assert.equal(limiter.factor, 0.5);
  const t2 = performance.now();
  await limiter.acquire(10);
  assert.ok(performance.now() - t2 >= 170, "half rate after a 429");

  // Recovery is paced by time, not by the number of successes: half the rate per minute.
  const paced = new AdaptiveRateLimiter({ requestsPerMinute: 600, tokensPerMinute: Infinity }, 0);
  paced.onThrottled(1_000);
  assert.equal(paced.factor, 0.5);
  for (let i = 0; i < 50; i++) paced.onSuccess(1_000);
  assert.equal(paced.factor, 0.5, "a burst of successes does not bring the rate back");
  paced.onSuccess(31_000);
  assert.equal(paced.factor, 0.75, "30 s of successes: +25% of the nominal rate");
  for (let i = 0; i < 64; i++) paced.onThrottled(31_000 + i);
  assert.equal(paced.factor, 0.375, "64 requests throttled together halve the rate once");
  for (let t = 33_000; t < 40_000; t += 1_000) paced.onThrottled(t);
  assert.equal(paced.factor, 0.1, "429s second after second: down to 10%, not below");
  paced.onSuccess(200_000);
  assert.equal(paced.factor, 1, "back to full speed, not beyond");

  const tokens = new AdaptiveRateLimiter({ requestsPerMinute: Infinity, tokensPerMinute: 60_000 });
  await tokens.acquire(10_000);
  const t3 = performance.now();
  await tokens.acquire(100);
  assert.ok(performance.now() - t3 >= 80, "token budget spent: waits for refill");
});

Deno.test("the API key never appears in errors, even when the server echoes it", async () => {
  const key = "sk-live-SECRET-abcdef123456";
  const server = startOpenAiServer();
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      apiKey: key,
      model: "mock-1",
      fallbackModels: ["mock-2"],
      retryBaseMs: 1,
    });
    const r = await llmJson(llm, { messages: msg("[[echo_auth]]"), schema: Answer });
    assert.equal(r.ok, false);
    assert.equal(server.authHeaders[0], `Bearer ${key}`, "the key is sent to the server");
    assert.equal(r.attempts.length, 1, "401 is not retried, nor sent to the next model");
    assert.equal(r.attempts[0].outcome, "auth_error");
    const everything = JSON.stringify(r);
    assert.ok(!everything.includes(key), everything);
    assert.ok(!everything.includes("SECRET"));
    assert.match(everything, /\[redacted\]/);
  } finally {
    await server.close();
  }
});

Deno.test("createLlm validates its options with helpful errors", () => {
  assert.throws(() => createLlm({ baseURL: "not a url", model: "m" }), /not a URL/);
  assert.throws(() => createLlm({ preset: "nope", model: "m" }), /unknown preset "nope"/);
  assert.throws(() => createLlm({ model: "m", concurrency: 0 }), /concurrency must be a positive/);
  assert.throws(() => createLlm({ model: "m", cacheMode: "only" }), /pass \{ cacheDir \}/);
  assert.throws(() => createLlm({ model: "m", maxRetries: -1 }), /maxRetries must be a finite/);
  assert.throws(() => createLlm({ model: "m", maxRetries: 1.5 }), /maxRetries must be an integer/);
  assert.throws(() => createLlm({ model: "m", retryBaseMs: NaN }), /retryBaseMs must be/);
  const ds = createLlm({ preset: "deepseek", apiKey: "k" });
  assert.equal(ds.baseURL, "https://api.deepseek.com/v1");
  assert.equal(ds.model, "deepseek-chat");
  assert.equal(ds.jsonModeFor("deepseek-chat"), "json_object");
});

Deno.test("connection settings come from QUANTBOOK_LLM_* variables; listModels reads /v1/models", async () => {
  const server = startOpenAiServer({ apiKey: "sk-env-key" });
  try {
    // A child process, so this test never changes the environment other tests see.
    const script = `
      import { createLlm, llmJson } from ${
      JSON.stringify(new URL("../lib/llm/mod.ts", import.meta.url).href)
    };
      import { z } from "zod";
      const llm = createLlm({ retryBaseMs: 1 });
      const r = await llmJson(llm, { messages: [{ role: "user", content: "env" }], schema: z.object({ ok: z.boolean() }) });
      console.log(JSON.stringify({ model: llm.model, baseURL: llm.baseURL, ok: r.ok, models: await llm.listModels() }));
    `;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--no-check", script],
      env: {
        QUANTBOOK_LLM_BASE_URL: server.baseURL,
        QUANTBOOK_LLM_API_KEY: "sk-env-key",
        QUANTBOOK_LLM_MODEL: "mock-2",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    const seen = JSON.parse(new TextDecoder().decode(out.stdout));
    assert.deepEqual(seen, {
      model: "mock-2",
      baseURL: server.baseURL,
      ok: true,
      models: ["mock-1", "mock-2", "mock-3", "deepseek-chat"],
    });
    assert.equal(server.authHeaders[0], "Bearer sk-env-key");

    const wrong = createLlm({ baseURL: server.baseURL, apiKey: "sk-wrong-key", model: "m" });
    await assert.rejects(
      wrong.listModels(),
      (e: Error) => /401/.test(e.message) && !e.message.includes("sk-wrong-key"),
    );
  } finally {
    await server.close();
  }
});

Deno.test("429s lower the client's rate limit; successes bring it back slowly", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      requestsPerMinute: 60_000,
      retryBaseMs: 1,
    });
    assert.equal(llm.rateLimitFactor, 1);
    const r = await llmJson(llm, { messages: msg("r [[seq:429,429,plain]]"), schema: Answer });
    assert.ok(r.ok);
    const lowered = llm.rateLimitFactor;
    assert.ok(lowered >= 0.5 && lowered < 0.51, `two 429s 20 ms apart halve once: ${lowered}`);
    for (let i = 0; i < 5; i++) {
      assert.ok((await llmJson(llm, { messages: msg(`ok ${i}`), schema: Answer })).ok);
    }
    const after = llm.rateLimitFactor;
    assert.ok(after > lowered && after < 0.51, `recovers slowly (per minute): ${after}`);
    const unlimited = createLlm({ baseURL: server.baseURL, model: "mock-1", retryBaseMs: 1 });
    assert.ok(
      (await llmJson(unlimited, { messages: msg("u [[seq:429,plain]]"), schema: Answer }))
        .ok,
    );
    assert.equal(unlimited.rateLimitFactor, 1, "no configured limit: 429s are only waited out");
  } finally {
    await server.close();
  }
});

Deno.test("tokensPerMinute is settled with the reported usage: a big answer delays the next call", async () => {
  const server = startOpenAiServer({
    reply: (info) => ({
      content: OK,
      usage: info.text.includes("big")
        ? { prompt_tokens: 100_000, completion_tokens: 5_000 }
        : undefined,
    }),
  });
  try {
    // 600k tokens per minute = 10k per second, bursts of 100k.
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", tokensPerMinute: 600_000 });
    let t0 = performance.now();
    assert.ok((await llmJson(llm, { messages: msg("big"), schema: Answer })).ok);
    const first = performance.now() - t0;
    t0 = performance.now();
    assert.ok((await llmJson(llm, { messages: msg("small"), schema: Answer })).ok);
    const waited = performance.now() - t0;
    assert.ok(waited >= 400 && waited < 5_000, `waited ${waited} ms for ~5k tokens of debt`);
    assert.ok(first < waited - 200, `the first call fits the burst (${first} ms)`);
  } finally {
    await server.close();
  }
});

Deno.test("an OpenAI key from the environment is never sent to another provider's preset", async () => {
  const server = startOpenAiServer();
  try {
    const script = `
      import { createLlm, llmJson } from ${
      JSON.stringify(new URL("../lib/llm/mod.ts", import.meta.url).href)
    };
      import { z } from "zod";
      const baseURL = ${JSON.stringify(server.baseURL)};
      const ask = (llm) => llmJson(llm, { messages: [{ role: "user", content: "which key" }], schema: z.object({ ok: z.boolean() }) });
      await ask(createLlm({ baseURL, model: "mock-1" }));
      await ask(createLlm({ preset: "deepseek", baseURL }));
      await ask(createLlm({ preset: "ollama", baseURL }));
    `;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--no-check", script],
      env: {
        QUANTBOOK_LLM_API_KEY: "",
        QUANTBOOK_LLM_BASE_URL: "",
        QUANTBOOK_LLM_MODEL: "",
        OPENAI_API_KEY: "sk-openai-only",
        DEEPSEEK_API_KEY: "sk-deepseek-only",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    assert.deepEqual(server.authHeaders, [
      "Bearer sk-openai-only",
      "Bearer sk-deepseek-only",
      "Bearer no-key-configured",
    ]);
  } finally {
    await server.close();
  }
});

Deno.test("a Retry-After longer than retryMaxMs gives the model up at once for the next one", async () => {
  const server = startOpenAiServer({
    reply: (info) =>
      info.model === "mock-1"
        ? { status: 429, headers: { "retry-after": "120" }, errorMessage: "quota" }
        : { content: OK },
  });
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      fallbackModels: ["mock-2"],
      retryMaxMs: 5_000,
    });
    const t0 = performance.now();
    const r = await llmJson(llm, { messages: msg("quota"), schema: Answer });
    assert.ok(performance.now() - t0 < 1_000, "did not wait 120 s, nor 5 s");
    assert.ok(r.ok && r.model === "mock-2");
    assert.deepEqual(r.attempts.map((a) => `${a.model}:${a.outcome}`), [
      "mock-1:rate_limited",
      "mock-2:ok",
    ]);
    const calls = server.calls;
    const only = await llmJson(llm, { messages: msg("quota"), schema: Answer, models: ["mock-1"] });
    assert.ok(!only.ok && /paused for \d+ ms more by the server's Retry-After/.test(only.error));
    assert.equal(server.calls, calls, "the paused model is not asked again meanwhile");
    const alone = createLlm({ baseURL: server.baseURL, model: "mock-1", retryMaxMs: 5_000 });
    const refused = await llmJson(alone, { messages: msg("quota"), schema: Answer });
    assert.ok(
      !refused.ok && /asks to wait 120000 ms, more than retryMaxMs \(5000 ms\)/.test(refused.error),
    );
  } finally {
    await server.close();
  }
});

Deno.test("a half-open breaker lets exactly one probe through; the others are refused", async () => {
  let healthy = false;
  const server = startOpenAiServer({
    reply: () => (healthy ? { content: OK, delayMs: 30 } : { status: 500, errorMessage: "down" }),
  });
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      maxRetries: 0,
      breakerThreshold: 1,
      breakerCooldownMs: 40,
    });
    assert.equal((await llmJson(llm, { messages: msg("x"), schema: Answer })).ok, false);
    assert.equal(llm.breakerState("mock-1"), "open");
    await new Promise((r) => setTimeout(r, 60));
    healthy = true;
    const calls = server.calls;
    const burst = await Promise.all(
      Array.from({ length: 4 }, (_, i) => llmJson(llm, { messages: msg(`p${i}`), schema: Answer })),
    );
    assert.equal(server.calls, calls + 1, "one probe request");
    assert.equal(burst.filter((r) => r.ok).length, 1);
    for (const r of burst.filter((r) => !r.ok)) {
      assert.ok(!r.ok && /circuit breaker open.*a probe request is in flight/.test(r.error));
    }
    assert.equal(llm.breakerState("mock-1"), "closed");
  } finally {
    await server.close();
  }
});

Deno.test("a gateway key passed in extra headers is redacted from errors too", async () => {
  const secret = "gw-PRIVATE-0123456789";
  const server = startOpenAiServer({
    reply: (info) => ({
      status: 400,
      errorMessage: `unknown route for x-gateway-key ${info.headers.get("x-gateway-key")}`,
    }),
  });
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      headers: { "x-gateway-key": secret },
    });
    const r = await llmJson(llm, { messages: msg("gw"), schema: Answer });
    assert.equal(r.ok, false);
    const everything = JSON.stringify(r);
    assert.ok(!everything.includes("PRIVATE"), everything);
    assert.match(everything, /x-gateway-key \[redacted\]/);
  } finally {
    await server.close();
  }
});

Deno.test("backoff doubles with jitter under a cap; Retry-After is read in ms, seconds or as a date", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const h = (init: Record<string, string>) => new Headers(init);
  assert.equal(retryAfterMs(h({ "retry-after-ms": "250.5" }), now), 250.5);
  assert.equal(retryAfterMs(h({ "retry-after": "2" }), now), 2_000);
  assert.equal(
    retryAfterMs(h({ "retry-after-ms": "40", "retry-after": "9" }), now),
    40,
    "retry-after-ms wins",
  );
  assert.equal(retryAfterMs(h({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }), now), 3_000);
  assert.equal(retryAfterMs(h({ "retry-after": "Wed, 31 Dec 2025 23:00:00 GMT" }), now), 0);
  assert.equal(retryAfterMs(h({ "retry-after": "soon" }), now), undefined);
  assert.equal(retryAfterMs(h({}), now), undefined);
  assert.equal(retryAfterMs(undefined, now), undefined);

  assert.deepEqual([0, 1, 2, 3].map((r) => backoffDelayMs(r, 100, 10_000, () => 1)), [
    100,
    200,
    400,
    800,
  ]);
  assert.deepEqual([0, 1, 2, 3].map((r) => backoffDelayMs(r, 100, 10_000, () => 0)), [
    50,
    100,
    200,
    400,
  ]);
  assert.equal(backoffDelayMs(20, 100, 10_000, () => 1), 10_000, "capped");
});

Deno.test("with OPENAI_LOG=debug the SDK's request logs carry neither the key nor gateway headers", async () => {
  const server = startOpenAiServer();
  try {
    const script = `
      import { createLlm, llmJson } from ${
      JSON.stringify(new URL("../lib/llm/mod.ts", import.meta.url).href)
    };
      import { z } from "zod";
      const llm = createLlm({
        baseURL: ${JSON.stringify(server.baseURL)},
        apiKey: "sk-LOGGED-key-0123456789",
        model: "mock-1",
        maxRetries: 1,
        retryBaseMs: 1,
        headers: { "x-gateway-key": "gw-LOGGED-0123456789" },
      });
      const schema = z.object({ ok: z.boolean() });
      await llmJson(llm, { messages: [{ role: "user", content: "log me" }], schema });
      await llmJson(llm, { messages: [{ role: "user", content: "[[500]]" }], schema });
    `;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--no-check", script],
      env: { OPENAI_LOG: "debug", NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const logs = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.ok(out.success, logs);
    assert.match(logs, /sending request/, "the SDK did log the requests");
    assert.ok(!logs.includes("LOGGED"), logs);
  } finally {
    await server.close();
  }
});

Deno.test("the rate limiter serves callers in order: a large request is not starved by small ones", async () => {
  // 60k tokens a minute = 1 token per ms, bursts of 10k.
  const limiter = new AdaptiveRateLimiter({ requestsPerMinute: Infinity, tokensPerMinute: 60_000 });
  await limiter.acquire(10_000);
  const order: string[] = [];
  const big = limiter.acquire(60).then(() => order.push("big"));
  const controller = new AbortController();
  const cancelled = limiter.acquire(5, controller.signal).then(
    () => order.push("cancelled"),
    () => order.push("aborted"),
  );
  const small = Array.from(
    { length: 3 },
    (_, i) => limiter.acquire(5).then(() => order.push(`small${i}`)),
  );
  controller.abort(new Error("gave up"));
  await Promise.all([big, cancelled, ...small]);
  assert.deepEqual(order, ["aborted", "big", "small0", "small1", "small2"]);
});

Deno.test("aborting while queued for a slot or while backing off rejects at once, leaving no timer", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      concurrency: 1,
      retryBaseMs: 60_000,
      retryMaxMs: 60_000,
    });
    const holder = new AbortController();
    const holding = llmJson(llm, {
      messages: msg("hold [[slow]]"),
      schema: Answer,
      signal: holder.signal,
    });
    const queued = new AbortController();
    const waiting = llmJson(llm, {
      messages: msg("queued"),
      schema: Answer,
      signal: queued.signal,
    });
    await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    queued.abort(new Error("left the queue"));
    await assert.rejects(waiting, /left the queue/);
    assert.ok(performance.now() - t0 < 1_000, "not after the slow answer (3 s)");
    holder.abort(new Error("done holding"));
    await assert.rejects(holding, /done holding/);

    const backoff = new AbortController();
    const retrying = llmJson(llm, {
      messages: msg("[[seq:500,plain]]"),
      schema: Answer,
      signal: backoff.signal,
    });
    await new Promise((r) => setTimeout(r, 50));
    const t1 = performance.now();
    backoff.abort(new Error("no more waiting"));
    await assert.rejects(retrying, /no more waiting/);
    assert.ok(performance.now() - t1 < 1_000, "the 30-60 s backoff sleep was cut short");
    const after = await llmJson(llm, { messages: msg("free slot"), schema: Answer });
    assert.ok(after.ok, "the slots were given back");
  } finally {
    await server.close();
  }
});

Deno.test("a Retry-After holds the other calls to that model too, not only the one throttled", async () => {
  const t0 = performance.now();
  const seenAt = new Map<string, number>();
  const server = startOpenAiServer({
    reply: (info) => {
      const tag = /(first|second|other)/.exec(info.text)![1];
      if (!seenAt.has(tag)) seenAt.set(tag, performance.now() - t0);
      return tag === "first" && info.callIndex === 0
        ? { status: 429, headers: { "retry-after-ms": "200" }, errorMessage: "slow down" }
        : { content: OK };
    },
  });
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", retryBaseMs: 1 });
    const other = createLlm({ baseURL: server.baseURL, model: "mock-2", retryBaseMs: 1 });
    const first = llmJson(llm, { messages: msg("first"), schema: Answer });
    await new Promise((r) => setTimeout(r, 40));
    const [a, b, c] = await Promise.all([
      first,
      llmJson(llm, { messages: msg("second"), schema: Answer }),
      llmJson(other, { messages: msg("other"), schema: Answer }),
    ]);
    assert.ok(a.ok && b.ok && c.ok);
    assert.ok(seenAt.get("second")! >= 190, `second call sent at ${seenAt.get("second")} ms`);
    assert.ok(
      seenAt.get("other")! < seenAt.get("second")!,
      "another model (another client) is not held",
    );
    assert.equal(b.attempts.length, 1, "waiting is not an attempt");
  } finally {
    await server.close();
  }
});
