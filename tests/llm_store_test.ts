import assert from "node:assert/strict";
import {
  createLlm,
  openScoreStore,
  sampleNews,
  scoreSentiment,
  scoreSentimentLexicon,
} from "../lib/llm/mod.ts";
import { startOpenAiServer } from "./servers/openai_server.ts";
import type { SentimentScore } from "../lib/llm/mod.ts";

Deno.test("the score store persists scores and answers symbol/time-range queries after reopening", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/scores.sqlite`;
  try {
    const news = sampleNews({ seed: 2, count: 60, symbols: ["BTC", "ETH"] });
    const scores = scoreSentimentLexicon(news);
    const failed: SentimentScore = {
      ...scores[0],
      id: "failed-1",
      symbols: ["BTC", "ETH"],
      ok: false,
      score: NaN,
      confidence: NaN,
      label: null,
      model: "mock-1",
      costUsd: NaN,
      error: "HTTP 500",
    };
    const store = openScoreStore(path);
    assert.equal(store.save([...scores, failed]), 60 + 2);
    assert.equal(store.save(scores.slice(0, 5)), 5, "saving again replaces rows");
    store.close();

    const again = openScoreStore(path);
    try {
      const from = news[10].publishedAt;
      const to = news[40].publishedAt;
      const btc = again.query({ symbol: "BTC", from, to });
      const expected = scores.filter((s) =>
        s.symbols.includes("BTC") && s.publishedAt >= from && s.publishedAt <= to
      );
      assert.deepEqual(btc.map((s) => s.id), expected.map((s) => s.id));
      assert.deepEqual(btc[0], expected[0]);

      const lost = again.query({ model: "mock-1" });
      assert.equal(lost.length, 2);
      assert.ok(lost.every((s) => !s.ok && Number.isNaN(s.score) && s.label === null));
      assert.equal(lost[0].error, "HTTP 500");
      assert.equal(again.query({ okOnly: true }).length, 60);

      const cols = again.columns({ symbol: "ETH", okOnly: true });
      assert.ok(cols.publishedAt instanceof Float64Array);
      assert.equal(cols.publishedAt.length, scores.filter((s) => s.symbols[0] === "ETH").length);
      for (let i = 1; i < cols.publishedAt.length; i++) {
        assert.ok(cols.publishedAt[i] >= cols.publishedAt[i - 1]);
      }
    } finally {
      again.close();
    }
    assert.throws(() => openScoreStore(""), /path must be/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("scoreSentiment with a store reuses stored scores and saves new ones", async () => {
  const server = startOpenAiServer({
    reply: (info) =>
      info.text.includes("news-0003") ? { status: 500, errorMessage: "boom" } : {
        content: JSON.stringify({
          score: 0.3,
          confidence: 0.6,
          label: "positive",
          entities: [],
          rationale: "r",
        }),
      },
  });
  const store = openScoreStore(":memory:");
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", maxRetries: 0 });
    const news = sampleNews({ count: 4 }).map((a) => ({ ...a, headline: `${a.id} ${a.headline}` }));
    const opts = { store, cutoffs: { "mock-1": "2020-01-01" } };
    const first = await scoreSentiment(llm, news.slice(0, 3), opts);
    assert.deepEqual(first.map((s) => s.ok), [true, true, false]);
    const calls = server.calls;
    const second = await scoreSentiment(llm, news, opts);
    assert.deepEqual(
      second.slice(0, 2),
      first.slice(0, 2).map((s) => ({ ...s, cached: true, costUsd: 0 })),
      "read back from the store, as replays that cost nothing now",
    );
    assert.equal(server.calls, calls + 2, "only the failed and the new article are asked");
    assert.deepEqual(second.map((s) => s.ok), [true, true, false, true]);
    assert.equal(store.query({ model: "mock-1" }).length, 4);
  } finally {
    store.close();
    await server.close();
  }
});

Deno.test("an interrupted scoreSentiment run keeps in the store what it scored", async () => {
  const server = startOpenAiServer({ latencyMs: 2 });
  const dir = await Deno.makeTempDir();
  const path = `${dir}/scores.sqlite`;
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", maxRetries: 0 });
    const news = sampleNews({ count: 10 });
    const controller = new AbortController();
    const store = openScoreStore(path);
    await assert.rejects(
      scoreSentiment(llm, news, {
        store,
        cutoffs: { "mock-1": "2020-01-01" },
        concurrency: 1,
        signal: controller.signal,
        progress: false,
        onProgress: (done) => done === 3 && controller.abort(new Error("kernel interrupted")),
      }),
      /kernel interrupted/,
    );
    store.close();
    const reopened = openScoreStore(path);
    try {
      const kept = new Set(reopened.query({ model: "mock-1" }).map((s) => s.id));
      assert.deepEqual([...kept].sort(), news.slice(0, 3).map((a) => a.id).sort());
    } finally {
      reopened.close();
    }
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});
