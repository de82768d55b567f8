import assert from "node:assert/strict";
import { z } from "zod";
import { createLlm, llmJson } from "../lib/llm/mod.ts";
import { startOpenAiServer } from "./servers/openai_server.ts";

const Answer = z.object({ ok: z.boolean() });
const msg = (text: string) => [{ role: "user" as const, content: text }];
const KEY = "sk-cache-test-TOPSECRET-987654";

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...await filesUnder(p));
    else out.push(p);
  }
  return out;
}

Deno.test("cacheMode use: the second identical call is replayed from disk at no cost", async () => {
  const dir = await Deno.makeTempDir();
  const server = startOpenAiServer();
  try {
    const llm = createLlm({
      baseURL: server.baseURL,
      apiKey: KEY,
      model: "gpt-4o-mini",
      cacheDir: dir,
    });
    const first = await llmJson(llm, { messages: msg("hello"), schema: Answer });
    assert.ok(first.ok && !first.cached && first.costUsd > 0);
    assert.equal(first.model, "gpt-4o-mini");
    assert.equal(first.servedModel, "gpt-4o-mini-2024-07-18", "the snapshot behind the alias");
    const second = await llmJson(llm, { messages: msg("hello"), schema: Answer });
    assert.ok(second.ok);
    assert.equal(second.cached, true);
    assert.equal(second.servedModel, "gpt-4o-mini-2024-07-18", "kept in the cache");
    assert.equal(second.costUsd, 0);
    assert.deepEqual(second.usage, first.usage, "usage of the original call is kept");
    assert.deepEqual(second.value, first.value);
    assert.equal(server.calls, 1);
    assert.equal(llm.totals.cacheHits, 1);

    const hotter = createLlm({
      baseURL: server.baseURL,
      apiKey: KEY,
      model: "gpt-4o-mini",
      cacheDir: dir,
      temperature: 0.7,
    });
    const third = await llmJson(hotter, { messages: msg("hello"), schema: Answer });
    assert.ok(third.ok && !third.cached, "temperature is part of the cache key");
    assert.equal(server.calls, 2);

    const files = await filesUnder(dir);
    assert.equal(files.length, 2);
    assert.ok(
      files.every((f) => /\/[0-9a-f]{2}\/[0-9a-f]{64}\.json$/.test(f)),
      "no temp files left",
    );
    for (const f of files) {
      const text = await Deno.readTextFile(f);
      assert.ok(!text.includes(KEY) && !text.includes("TOPSECRET"), "no key in the cache");
      assert.ok(!/authorization|bearer/i.test(text), "no auth header in the cache");
    }
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cacheMode only replays offline without a key; a miss is an explicit error", async () => {
  const dir = await Deno.makeTempDir();
  const server = startOpenAiServer();
  const baseURL = server.baseURL;
  try {
    const online = createLlm({ baseURL, apiKey: KEY, model: "mock-1", cacheDir: dir });
    const messages = msg("ACME sentiment [[seq:violate,plain]]");
    const live = await llmJson(online, {
      messages,
      schema: z.object({ score: z.number().max(1) }),
    });
    assert.ok(live.ok);
  } finally {
    await server.close();
  }
  try {
    const offline = createLlm({ baseURL, model: "mock-1", cacheDir: dir, cacheMode: "only" });
    const replay = await llmJson(offline, {
      messages: msg("ACME sentiment [[seq:violate,plain]]"),
      schema: z.object({ score: z.number().max(1) }),
    });
    assert.ok(replay.ok, replay.ok ? "" : replay.error);
    assert.equal(replay.cached, true);
    assert.deepEqual(
      replay.attempts.map((a) => a.outcome),
      ["cached", "schema_violation", "cached"],
      "the re-ask path replays exactly",
    );
    const miss = await llmJson(offline, { messages: msg("never asked"), schema: Answer });
    assert.equal(miss.ok, false);
    assert.ok(!miss.ok && /cache miss/.test(miss.error) && /cacheMode "only"/.test(miss.error));
    assert.equal(offline.totals.requests, 0, "no network in only mode");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cacheMode refresh calls again and overwrites the entry", async () => {
  const dir = await Deno.makeTempDir();
  let n = 0;
  const server = startOpenAiServer({ reply: () => ({ content: JSON.stringify({ n: ++n }) }) });
  try {
    const schema = z.object({ n: z.number() });
    const use = createLlm({ baseURL: server.baseURL, model: "mock-1", cacheDir: dir });
    const a = await llmJson(use, { messages: msg("count"), schema });
    const refresh = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      cacheDir: dir,
      cacheMode: "refresh",
    });
    const b = await llmJson(refresh, { messages: msg("count"), schema });
    const c = await llmJson(use, { messages: msg("count"), schema });
    assert.ok(a.ok && b.ok && c.ok);
    assert.equal(a.value.n, 1);
    assert.equal(b.value.n, 2);
    assert.equal(c.value.n, 2, "the refreshed answer replaced the old one");
    assert.equal(c.cached, true);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cacheNamespace lets a cache recorded on one local port replay on another", async () => {
  const dir = await Deno.makeTempDir();
  const first = startOpenAiServer();
  const second = startOpenAiServer();
  try {
    const opts = { model: "mock-1", cacheDir: dir, cacheNamespace: "local-mock" };
    const live = await llmJson(createLlm({ ...opts, baseURL: first.baseURL }), {
      messages: msg("namespaced"),
      schema: Answer,
    });
    assert.ok(live.ok && !live.cached);
    const replay = await llmJson(createLlm({ ...opts, baseURL: second.baseURL }), {
      messages: msg("namespaced"),
      schema: Answer,
    });
    assert.ok(replay.ok && replay.cached);
    assert.equal(second.calls, 0);
    const other = await llmJson(
      createLlm({ model: "mock-1", cacheDir: dir, baseURL: second.baseURL }),
      {
        messages: msg("namespaced"),
        schema: Answer,
      },
    );
    assert.ok(other.ok && !other.cached, "by default the host (with port) is part of the key");
  } finally {
    await first.close();
    await second.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the cache key covers model, schema and params; streaming replays the same entry", async () => {
  const dir = await Deno.makeTempDir();
  const server = startOpenAiServer();
  try {
    const base = { baseURL: server.baseURL, cacheDir: dir };
    const llm = createLlm({ ...base, model: "mock-1" });
    assert.ok((await llmJson(llm, { messages: msg("key"), schema: Answer })).ok);
    assert.equal(server.calls, 1);

    let streamed = "";
    const replay = await llmJson(llm, {
      messages: msg("key"),
      schema: Answer,
      stream: true,
      onToken: (t) => (streamed += t),
    });
    assert.ok(replay.ok && replay.cached, "stream is transport, not part of the key");
    assert.equal(streamed, '{"ok":true}', "onToken gets the whole cached answer once");

    const misses = [
      llmJson(createLlm({ ...base, model: "mock-2" }), { messages: msg("key"), schema: Answer }),
      llmJson(llm, { messages: msg("key "), schema: Answer }),
      llmJson(llm, { messages: msg("key"), schema: z.object({ ok: z.literal(true) }) }),
      llmJson(createLlm({ ...base, model: "mock-1", params: { seed: 7 } }), {
        messages: msg("key"),
        schema: Answer,
      }),
      llmJson(createLlm({ ...base, model: "mock-1", maxTokens: 64 }), {
        messages: msg("key"),
        schema: Answer,
      }),
    ];
    for (const r of await Promise.all(misses)) assert.ok(r.ok && !r.cached);
    assert.equal(server.calls, 6, "model, messages, schema, params and max_tokens change the key");
    assert.equal((await filesUnder(dir)).length, 6);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("concurrent writers of one key leave one whole entry; a corrupt entry is a miss", async () => {
  const dir = await Deno.makeTempDir();
  const server = startOpenAiServer({ latencyMs: 2 });
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", cacheDir: dir });
    const same = await Promise.all(
      Array.from({ length: 6 }, () => llmJson(llm, { messages: msg("race"), schema: Answer })),
    );
    assert.ok(same.every((r) => r.ok));
    const files = await filesUnder(dir);
    assert.equal(files.length, 1, "no temporary files left behind");
    assert.deepEqual(JSON.parse(await Deno.readTextFile(files[0])).content, '{"ok":true}');

    await Deno.writeTextFile(files[0], '{"v":1,"content":"{\\"ok\\":tr'); // a torn write
    const calls = server.calls;
    const again = await llmJson(llm, { messages: msg("race"), schema: Answer });
    assert.ok(again.ok && !again.cached, "the corrupt entry is asked again and rewritten");
    assert.equal(server.calls, calls + 1);
    assert.ok(JSON.parse(await Deno.readTextFile(files[0])).usage.promptTokens > 0);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a per-call cacheMode only on a client without a cache fails without a request", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1" });
    const r = await llmJson(llm, { messages: msg("offline?"), schema: Answer, cacheMode: "only" });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && /has none: pass \{ cacheDir \}/.test(r.error));
    assert.equal(server.calls, 0);
  } finally {
    await server.close();
  }
});

Deno.test("an unreadable cache entry is a miss with its reason, not a crash", async () => {
  const dir = await Deno.makeTempDir();
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", cacheDir: dir });
    assert.ok((await llmJson(llm, { messages: msg("dir"), schema: Answer })).ok);
    const [file] = await filesUnder(dir);
    await Deno.remove(file);
    await Deno.mkdir(file); // a folder where the entry should be: reading it fails
    const r = await llmJson(llm, { messages: msg("dir"), schema: Answer });
    assert.ok(r.ok && !r.cached, "asked the API instead");
    assert.equal(r.attempts[0].outcome, "cache_miss");
    assert.match(r.attempts[0].message, /could not be read/);
    assert.match(r.attempts.at(-1)!.message, /answer not cached/, "and says the write failed too");
    const offline = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      cacheDir: dir,
      cacheMode: "only",
    });
    const miss = await llmJson(offline, { messages: msg("dir"), schema: Answer });
    assert.ok(!miss.ok && /could not be read/.test(miss.error));
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});
