import assert from "node:assert/strict";
import { z } from "zod";
import { createLlm, llmJson } from "../lib/llm/mod.ts";
import { startOpenAiServer } from "./servers/openai_server.ts";

const Sentiment = z.object({
  score: z.number().min(-1).max(1),
  confidence: z.number().min(0).max(1),
  label: z.enum(["positive", "negative", "neutral"]),
  entities: z.array(z.string()),
  rationale: z.string(),
});

function ask(directive: string) {
  return [
    { role: "system" as const, content: "You score news sentiment." },
    { role: "user" as const, content: `ACME beats estimates and raises guidance ${directive}` },
  ];
}

const FAST = { retryBaseMs: 1, retryMaxMs: 50 };

Deno.test("llmJson extracts JSON from fenced, <think>, trailing-comma and prose answers", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, apiKey: "sk-test", model: "mock-1", ...FAST });
    for (const d of ["[[plain]]", "[[fenced]]", "[[think]]", "[[trailing_comma]]", "[[prose]]"]) {
      const r = await llmJson(llm, { messages: ask(d), schema: Sentiment });
      assert.ok(r.ok, `${d}: ${r.ok ? "" : r.error}`);
      assert.equal(r.value.label, "positive", d);
      assert.ok(r.value.score > 0.5, d);
      assert.equal(r.model, "mock-1");
      assert.equal(r.cached, false);
      assert.ok(r.usage.promptTokens > 0 && r.usage.completionTokens > 0);
      assert.ok(Number.isNaN(r.costUsd), "mock-1 has no price: cost is NaN, not 0");
      assert.equal(r.attempts.at(-1)!.outcome, "ok");
    }
  } finally {
    await server.close();
  }
});

Deno.test("llmJson sends strict json_schema to OpenAI models and JSON mode + schema text to DeepSeek", async () => {
  const server = startOpenAiServer();
  try {
    const openai = createLlm({ baseURL: server.baseURL, model: "gpt-4o-mini", ...FAST });
    const r1 = await llmJson(openai, { messages: ask("[[plain]]"), schema: Sentiment });
    assert.ok(r1.ok);
    const b1 = server.bodies.at(-1);
    assert.equal(b1.response_format.type, "json_schema");
    assert.equal(b1.response_format.json_schema.strict, true);
    assert.deepEqual(b1.response_format.json_schema.schema.required.sort(), [
      "confidence",
      "entities",
      "label",
      "rationale",
      "score",
    ]);
    assert.equal(b1.temperature, 0);
    assert.ok(r1.costUsd > 0, "gpt-4o-mini is priced");

    const deepseek = createLlm({ baseURL: server.baseURL, model: "deepseek-chat", ...FAST });
    const r2 = await llmJson(deepseek, { messages: ask("[[plain]]"), schema: Sentiment });
    assert.ok(r2.ok);
    const b2 = server.bodies.at(-1);
    assert.equal(b2.response_format.type, "json_object");
    assert.match(b2.messages[0].content, /json/);
    assert.match(b2.messages[0].content, /"rationale"/);
  } finally {
    await server.close();
  }
});

Deno.test("a 400 on json_schema downgrades the model to JSON mode and succeeds", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "deepseek-chat",
      jsonMode: "json_schema",
      ...FAST,
    });
    const r = await llmJson(llm, { messages: ask("[[plain]]"), schema: Sentiment });
    assert.ok(r.ok, r.ok ? "" : r.error);
    assert.deepEqual(r.attempts.map((a) => a.outcome), ["bad_request", "ok"]);
    assert.equal(r.attempts[0].status, 400);
    assert.equal(llm.jsonModeFor("deepseek-chat"), "json_object");
    assert.equal(server.bodies[1].response_format.type, "json_object");
  } finally {
    await server.close();
  }
});

Deno.test("a schema violation re-asks with the validation error, bounded by maxRepairs", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", ...FAST });
    const fixed = await llmJson(llm, { messages: ask("[[seq:violate,plain]]"), schema: Sentiment });
    assert.ok(fixed.ok);
    assert.deepEqual(fixed.attempts.map((a) => a.outcome), ["ok", "schema_violation", "ok"]);
    const reask = server.bodies[1].messages;
    assert.equal(reask.at(-2).role, "assistant");
    assert.match(reask.at(-1).content, /expected number to be <=1/);

    const never = await llmJson(llm, {
      messages: ask("[[violate]]"),
      schema: Sentiment,
      maxRepairs: 1,
    });
    assert.equal(never.ok, false);
    assert.ok(!never.ok && /does not match the schema/.test(never.error));
    assert.ok(!("value" in never), "a failure carries no value");
    assert.equal(never.attempts.filter((a) => a.outcome === "schema_violation").length, 2);
  } finally {
    await server.close();
  }
});

Deno.test("empty content and finish_reason length are retried, never repaired", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", maxRetries: 2, ...FAST });
    const patient = createLlm({ baseURL: server.baseURL, model: "mock-1", maxRetries: 3, ...FAST });
    const r = await llmJson(patient, {
      messages: ask("[[seq:empty,truncate,think_only,plain]]"),
      schema: Sentiment,
      maxRepairs: 0,
    });
    assert.ok(r.ok, r.ok ? "" : r.error);
    assert.deepEqual(r.attempts.map((a) => a.outcome), ["empty", "truncated", "empty", "ok"]);
    assert.match(r.attempts[2].message, /all reasoning/);
    assert.equal(server.bodies[3].messages.length, 2, "retried as it was, not re-asked");
    assert.ok(r.usage.completionTokens > 0);

    const always = await llmJson(llm, { messages: ask("[[truncate]]"), schema: Sentiment });
    assert.equal(always.ok, false);
    assert.ok(!always.ok && /finish_reason "length"/.test(always.error));
    assert.ok(always.attempts.every((a) => a.outcome === "truncated"));
    assert.equal(always.attempts.length, 3);
  } finally {
    await server.close();
  }
});

Deno.test("the fallback chain moves to the next model when the first keeps failing", async () => {
  const server = startOpenAiServer({
    reply: (info) =>
      info.model === "mock-1" ? { status: 500, errorMessage: "overloaded" } : {
        content: JSON.stringify({
          score: -0.5,
          confidence: 0.7,
          label: "negative",
          entities: [],
          rationale: "r",
        }),
      },
  });
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      fallbackModels: ["mock-2"],
      maxRetries: 1,
      ...FAST,
    });
    const r = await llmJson(llm, { messages: ask(""), schema: Sentiment });
    assert.ok(r.ok);
    assert.equal(r.model, "mock-2");
    assert.deepEqual(r.attempts.map((a) => `${a.model}:${a.outcome}`), [
      "mock-1:server_error",
      "mock-1:server_error",
      "mock-2:ok",
    ]);
  } finally {
    await server.close();
  }
});

Deno.test("streaming (SSE) calls onToken and still counts usage", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", ...FAST });
    let streamed = "";
    const r = await llmJson(llm, {
      messages: ask("[[fenced]]"),
      schema: Sentiment,
      stream: true,
      onToken: (t) => (streamed += t),
    });
    assert.ok(r.ok);
    assert.equal(server.bodies[0].stream, true);
    assert.match(streamed, /```json/);
    assert.ok(r.usage.promptTokens > 0 && r.usage.completionTokens > 0);
  } finally {
    await server.close();
  }
});

Deno.test("plain-prompt mode sends no response_format and puts the schema in the prompt", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      jsonMode: "prompt",
      ...FAST,
    });
    const r = await llmJson(llm, { messages: ask("[[prose]]"), schema: Sentiment });
    assert.ok(r.ok);
    const body = server.bodies[0];
    assert.equal(body.response_format, undefined);
    assert.equal(body.messages[0].role, "system");
    assert.match(
      body.messages[0].content,
      /You score news sentiment\.\n\nReply with a single json object/,
    );
    assert.match(
      body.messages[0].content,
      /"required":\["score","confidence","label","entities","rationale"\]/,
    );
  } finally {
    await server.close();
  }
});

Deno.test("simultaneous 400s on json_schema step the model down once, not once per call", async () => {
  const server = startOpenAiServer({ latencyMs: 5 });
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "deepseek-chat",
      jsonMode: "json_schema",
      concurrency: 8,
      ...FAST,
    });
    const results = await Promise.all(
      Array.from(
        { length: 8 },
        (_, i) => llmJson(llm, { messages: ask(`[[plain]] #${i}`), schema: Sentiment }),
      ),
    );
    assert.ok(results.every((r) => r.ok), JSON.stringify(results.find((r) => !r.ok)));
    assert.equal(llm.jsonModeFor("deepseek-chat"), "json_object", "not down to plain prompts");
    const formats = server.bodies.map((b) => b.response_format?.type);
    assert.equal(formats.filter((f) => f === "json_schema").length, 8);
    assert.equal(formats.filter((f) => f === "json_object").length, 8);
  } finally {
    await server.close();
  }
});

Deno.test("a stream cut off before its finish_reason is retried, never repaired", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", ...FAST });
    const streamed = ["", ""];
    const r = await llmJson(llm, {
      messages: ask("[[seq:cut_stream,plain]]"),
      schema: Sentiment,
      stream: true,
      onToken: (t, attempt) => (streamed[attempt] += t),
    });
    assert.ok(r.ok, r.ok ? "" : r.error);
    assert.deepEqual(r.attempts.map((a) => a.outcome), ["truncated", "ok"]);
    assert.match(r.attempts[0].message, /without a finish_reason/);
    assert.ok(streamed[0].length > 0, "the cut attempt streamed under index 0");
    assert.deepEqual(JSON.parse(streamed[1]).label, "positive", "the retry under index 1");
    assert.ok(streamed[1].startsWith(streamed[0]), "same answer, cut halfway the first time");

    const never = await llmJson(llm, {
      messages: ask("[[cut_stream]] again"),
      schema: Sentiment,
      stream: true,
    });
    assert.equal(never.ok, false);
    assert.ok(never.attempts.every((a) => a.outcome === "truncated"));
  } finally {
    await server.close();
  }
});

Deno.test("a non-object root schema is asked for as { value } and unwrapped", async () => {
  const answers = ['{"value": ["ACME", "BOLT"]}', '["ACME"]', '{"value": "not a list"}'];
  const server = startOpenAiServer({ reply: (info) => ({ content: answers[info.callIndex] }) });
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "gpt-4o-mini", ...FAST });
    const schema = z.array(z.string());
    const r = await llmJson(llm, { messages: ask("entities?"), schema });
    assert.ok(r.ok);
    assert.deepEqual(r.value, ["ACME", "BOLT"]);
    const format = server.bodies[0].response_format.json_schema;
    assert.equal(format.strict, true);
    assert.deepEqual(format.schema, {
      type: "object",
      properties: { value: { type: "array", items: { type: "string" } } },
      required: ["value"],
      additionalProperties: false,
    });
    const bare = await llmJson(llm, { messages: ask("entities?"), schema, maxRepairs: 0 });
    assert.ok(bare.ok, "a bare array answer is accepted too");
    assert.deepEqual(bare.value, ["ACME"]);
    const wrong = await llmJson(llm, { messages: ask("entities?"), schema, maxRepairs: 0 });
    assert.equal(wrong.ok, false);
  } finally {
    await server.close();
  }
});
