import assert from "node:assert/strict";
import {
  benchmarkModels,
  checkLookAhead,
  combineSentiment,
  createLlm,
  ensembleSentiment,
  hasLookAheadRisk,
  LEXICON_MODEL,
  llmBatchTotals,
  mapLlm,
  maskText,
  sampleNews,
  scoreSentiment,
  scoreSentimentLexicon,
  type SentimentLabel,
  type SentimentScore,
  sentimentToColumns,
  signalFromFactors,
} from "../lib/llm/mod.ts";
import { startOpenAiServer } from "./servers/openai_server.ts";

const CUTOFFS = { "mock-": "2020-01-01" };
const FAST = { retryBaseMs: 1, retryMaxMs: 20, maxRetries: 1 };

Deno.test("scoreSentiment scores every article in order and carries publishedAt", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", ...FAST });
    const news = sampleNews({ seed: 3, count: 40 });
    const scores = await scoreSentiment(llm, news, { cutoffs: CUTOFFS, concurrency: 4 });
    assert.equal(scores.length, news.length);
    scores.forEach((s, i) => {
      assert.equal(s.id, news[i].id);
      assert.equal(s.publishedAt, news[i].publishedAt);
      assert.deepEqual(s.symbols, news[i].symbols);
      assert.ok(s.ok, s.error ?? "");
      assert.ok(s.score >= -1 && s.score <= 1 && s.confidence >= 0 && s.confidence <= 1);
      assert.equal(s.model, "mock-1");
      assert.equal(s.lookAheadRisk, false, "2025 news after a 2020 cutoff");
      assert.ok(!Number.isNaN(Date.parse(s.scoredAt)));
    });
    const signed = scores.filter((_, i) => news[i].tone !== 0);
    const right = signed.filter((s) => Math.sign(s.score) === news[scores.indexOf(s)].tone);
    assert.ok(right.length / signed.length > 0.8, `${right.length}/${signed.length}`);
    assert.match(server.bodies[0].messages[1].content, /Published: 2025-03-/);
  } finally {
    await server.close();
  }
});

Deno.test("failed articles stay failures: NaN score, null label, error, order kept", async () => {
  const server = startOpenAiServer({
    reply: (info) =>
      info.text.includes("news-0002") ? { status: 500, errorMessage: "boom" } : {
        content: JSON.stringify({
          score: 0.2,
          confidence: 0.5,
          label: "positive",
          entities: [],
          rationale: "r",
        }),
      },
  });
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", ...FAST });
    const news = sampleNews({ count: 3 }).map((a) => ({ ...a, headline: `${a.id} ${a.headline}` }));
    const scores = await scoreSentiment(llm, news, { cutoffs: CUTOFFS });
    assert.deepEqual(scores.map((s) => s.ok), [true, false, true]);
    const failed = scores[1];
    assert.ok(Number.isNaN(failed.score) && Number.isNaN(failed.confidence));
    assert.equal(failed.label, null);
    assert.match(failed.error!, /HTTP 500/);
    const totals = llmBatchTotals(scores);
    assert.deepEqual([totals.items, totals.ok, totals.failed], [3, 2, 1]);
    assert.ok(totals.promptTokens > 0);
  } finally {
    await server.close();
  }
});

Deno.test("a failed score keeps the tokens, cost and time the failed calls used", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "gpt-4o-mini", ...FAST });
    const news = sampleNews({ count: 1 }).map((a) => ({
      ...a,
      headline: `${a.headline} [[violate]]`,
    }));
    const [failed] = await scoreSentiment(llm, news, { onWarning: () => {} });
    assert.equal(failed.ok, false);
    assert.match(failed.error!, /does not match the schema/);
    assert.equal(failed.label, null);
    assert.ok(failed.usage.promptTokens > 0 && failed.costUsd > 0 && failed.latencyMs > 0);
    assert.equal(failed.model, "gpt-4o-mini");
    assert.equal(server.calls, 3, "first answer and two re-asks");
  } finally {
    await server.close();
  }
});

Deno.test("look-ahead guard: warns before the cutoff, throws in strict mode, unknown cutoffs warn", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "gpt-4o-mini", ...FAST });
    const old = sampleNews({ count: 3, start: "2023-03-01", end: "2023-03-31" });
    const warnings: string[] = [];
    const scores = await scoreSentiment(llm, old, { onWarning: (m) => warnings.push(m) });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /3 of 3 event\(s\).*"gpt-4o-mini" \(2023-10-01\)/);
    assert.ok(scores.every((s) => s.lookAheadRisk));
    const calls = server.calls;
    await assert.rejects(scoreSentiment(llm, old, { strict: true }), RangeError);
    assert.equal(server.calls, calls, "strict mode fails before any call");

    const reports = checkLookAhead(["mystery-model"], [0], { onWarning: (m) => warnings.push(m) });
    assert.equal(reports[0].cutoffKnown, false);
    assert.match(warnings.at(-1)!, /unknown/);
    const fresh = checkLookAhead(["gpt-4o"], [Date.parse("2025-01-01") * 1000], {
      onWarning: () => assert.fail("no warning after the cutoff"),
    });
    assert.equal(fresh[0].atRisk, 0);
    assert.equal(hasLookAheadRisk("gpt-4o", Date.parse("2023-10-01T12:00:00Z") * 1000), true);
    assert.equal(hasLookAheadRisk("gpt-4o", Date.parse("2023-10-02T00:00:00Z") * 1000), false);
    assert.equal(hasLookAheadRisk("mystery-model", 0), true, "unknown cutoff: at risk");
    assert.equal(hasLookAheadRisk("mystery-model", 0, { mystery: "1960-01-01" }), false);
  } finally {
    await server.close();
  }
});

Deno.test("masking hides symbols and dates from the prompt", async () => {
  assert.equal(
    maskText("ACME Corp (ACME) fell on March 10, 2023 and on 2023-03-13.", {
      names: ["ACME Corp", "ACME"],
    }),
    "Entity A (Entity B) fell on [DATE] and on [DATE].",
  );
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", ...FAST });
    const news = sampleNews({ count: 2, symbols: ["SOL"] });
    await scoreSentiment(llm, news, { mask: true, cutoffs: CUTOFFS });
    for (const body of server.bodies) {
      const user = body.messages[1].content;
      assert.ok(!user.includes("SOL"), user);
      assert.ok(!/2025/.test(user), user);
      assert.match(user, /Entity A/);
    }
  } finally {
    await server.close();
  }
});

Deno.test("signalFromFactors returns a schema-checked decision or an explicit failure", async () => {
  const server = startOpenAiServer();
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", ...FAST });
    const time = Date.parse("2025-03-03T00:00:00Z") * 1000;
    const s = await signalFromFactors(llm, {
      symbol: "BTC",
      time,
      factors: { momentum: 1.3, rsi14: 66, funding: NaN },
    }, { cutoffs: CUTOFFS });
    assert.ok(s.ok);
    assert.equal(s.action, "buy");
    assert.equal(s.sizePct, 25);
    assert.equal(s.time, time);
    assert.equal(s.model, "mock-1");
    assert.match(server.bodies[0].messages[1].content, /"funding":null/);

    const masked = await signalFromFactors(llm, {
      symbol: "SOL",
      time,
      factors: { momentum: -1 },
      context: "Solana Labs said on 2025-03-02 that SOL outflows slowed",
    }, { cutoffs: CUTOFFS, mask: true, maskNames: ["Solana Labs"] });
    assert.ok(masked.ok && masked.symbol === "SOL", "the result keeps the real symbol and time");
    const prompt: string = server.bodies.at(-1).messages[1].content;
    assert.ok(!/SOL|Solana|2025/.test(prompt), prompt);
    assert.match(prompt, /Entity [AB] said on \[DATE\] that Entity [AB] outflows slowed/);

    const bad = await signalFromFactors(llm, {
      symbol: "BTC",
      time,
      factors: { momentum: 0 },
      context: "[[500]]",
    }, { cutoffs: CUTOFFS });
    assert.equal(bad.ok, false);
    assert.equal(bad.action, null);
    assert.ok(Number.isNaN(bad.sizePct));
    await assert.rejects(
      signalFromFactors(llm, { symbol: "BTC", time: NaN, factors: {} }),
      /epoch µs/,
    );
  } finally {
    await server.close();
  }
});

Deno.test("ensembles combine models by mean or vote with agreement statistics", async () => {
  const server = startOpenAiServer();
  try {
    const llms = ["mock-1", "mock-2", "mock-3"].map((model) =>
      createLlm({ baseURL: server.baseURL, model, ...FAST })
    );
    const news = sampleNews({ seed: 5, count: 12 });
    const mean = await ensembleSentiment(llms, news, { cutoffs: CUTOFFS });
    assert.equal(mean.scores.length, 12);
    assert.deepEqual(mean.stats.models, ["mock-1", "mock-2", "mock-3"]);
    for (const e of mean.scores) {
      assert.equal(e.members, 3);
      const avg = e.memberScores.reduce((s, m) => s + m.score, 0) / 3;
      assert.ok(Math.abs(e.score - avg) < 1e-12);
      assert.ok(e.agreement >= 1 / 3 && e.agreement <= 1);
    }
    assert.ok(mean.stats.meanPairwiseCorrelation > 0.9);
    const perModel = llms.map((_, m) => mean.scores.map((e) => e.memberScores[m]));
    const vote = combineSentiment(perModel, "vote");
    for (const e of vote.scores) {
      const majority = e.memberScores.filter((m) => m.label === e.label);
      if (e.agreement > 0.5) assert.ok(majority.length >= 2);
    }
    assert.throws(
      () => combineSentiment([mean.scores.map((e) => e.memberScores[0]), []]),
      /has 0 items/,
    );
  } finally {
    await server.close();
  }
});

Deno.test("benchmarkModels reports cost, latency, throughput, failures and agreement per model", async () => {
  const server = startOpenAiServer({
    reply: (info) =>
      info.model === "mock-3" ? { status: 500, errorMessage: "down" } : {
        content: JSON.stringify({
          score: 0.5,
          confidence: 0.9,
          label: "positive",
          entities: [],
          rationale: "r",
        }),
      },
  });
  try {
    const llms = ["gpt-4o-mini", "mock-2", "mock-3"].map((model) =>
      createLlm({ baseURL: server.baseURL, model, ...FAST, maxRetries: 0 })
    );
    const news = sampleNews({ count: 8, start: "2025-03-01" });
    const { table, scores } = await benchmarkModels(llms, news, {
      cutoffs: CUTOFFS,
      onWarning: () => {},
    });
    assert.deepEqual(table.model, ["gpt-4o-mini", "mock-2", "mock-3"]);
    assert.deepEqual([...table.failureRatePct], [0, 0, 100]);
    assert.ok(table.costPerArticleUsd[0] > 0);
    assert.ok(Number.isNaN(table.costPerArticleUsd[1]), "unpriced model");
    assert.deepEqual([...table.agreementPct.slice(0, 2)], [100, 100]);
    assert.ok(table.latencyP50Ms[0] > 0 && table.latencyP99Ms[0] >= table.latencyP50Ms[0]);
    assert.ok(table.throughputPerSec.every((x) => x > 0));
    assert.equal(scores.length, 3);
  } finally {
    await server.close();
  }
});

Deno.test("the lexicon baseline runs offline with the same result shape", async () => {
  const news = sampleNews({ seed: 11, count: 300 });
  const scores = scoreSentimentLexicon(news);
  const server = startOpenAiServer();
  let llmKeys: string[];
  try {
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1" });
    llmKeys = Object.keys((await scoreSentiment(llm, news.slice(0, 1), { cutoffs: CUTOFFS }))[0])
      .sort();
  } finally {
    await server.close();
  }
  assert.deepEqual(Object.keys(scores[0]).sort(), llmKeys);
  assert.ok(scores.every((s) => s.ok && s.model === LEXICON_MODEL && s.confidence <= 0.5));
  const signed = news.map((a, i) => [a.tone, scores[i].score] as const).filter(([t]) => t !== 0);
  const hits = signed.filter(([t, s]) => Math.sign(s) === t).length;
  assert.ok(hits / signed.length > 0.75, `lexicon direction accuracy ${hits}/${signed.length}`);
  const [neg] = scoreSentimentLexicon([{
    id: "x",
    publishedAt: 0,
    headline: "Results not strong",
    symbols: [],
  }]);
  const [pos] = scoreSentimentLexicon([{
    id: "y",
    publishedAt: 0,
    headline: "Results strong",
    symbols: [],
  }]);
  assert.ok(neg.score < 0 && pos.score > 0, "negation flips");
  assert.throws(
    () => scoreSentimentLexicon([{ id: "z", publishedAt: Number.NaN, headline: "", symbols: [] }]),
    /articles\[0\]\.publishedAt must be epoch microseconds/,
  );
  const cols = sentimentToColumns(scores, { symbol: "BTC" });
  assert.ok(cols.symbol.every((s) => s === "BTC"));
  for (let i = 1; i < cols.publishedAt.length; i++) {
    assert.ok(cols.publishedAt[i] >= cols.publishedAt[i - 1]);
  }
});

Deno.test("mapLlm keeps input order, reports each failure and progress", async () => {
  const progress: number[] = [];
  const out = await mapLlm(
    [30, 5, 20, 1, 10],
    async (ms, i) => {
      await new Promise((r) => setTimeout(r, ms));
      if (i === 1) throw new Error("item 1 broke");
      if (i === 3) return { ok: false as const, error: "model said no" };
      return { ok: true as const, value: ms * 2 };
    },
    { concurrency: 3, onProgress: (done) => progress.push(done), progress: false },
  );
  assert.deepEqual(out.map((r) => r.index), [0, 1, 2, 3, 4]);
  assert.deepEqual(out.map((r) => r.ok), [true, false, true, false, true]);
  assert.equal(!out[1].ok && out[1].error, "item 1 broke");
  assert.equal(!out[3].ok && out[3].error, "model said no");
  assert.deepEqual(progress, [1, 2, 3, 4, 5]);
  await assert.rejects(mapLlm([1], (x) => Promise.resolve(x), { concurrency: 0 }), /concurrency/);
});

Deno.test("sampleNews is seeded, sorted and dated in microseconds", () => {
  const a = sampleNews({ seed: 9, count: 50, symbols: ["BTC", "ETH"] });
  assert.deepEqual(a, sampleNews({ seed: 9, count: 50, symbols: ["BTC", "ETH"] }));
  assert.notDeepEqual(a, sampleNews({ seed: 10, count: 50, symbols: ["BTC", "ETH"] }));
  const start = Date.parse("2025-03-01") * 1000;
  const end = Date.parse("2025-03-31") * 1000;
  for (let i = 0; i < a.length; i++) {
    assert.ok(a[i].publishedAt >= start && a[i].publishedAt <= end);
    if (i) assert.ok(a[i].publishedAt >= a[i - 1].publishedAt);
    assert.ok(a[i].headline.includes(a[i].symbols[0]));
  }
  assert.throws(() => sampleNews({ start: "yesterday" }), /start must be an ISO date/);
});

Deno.test("mapLlm stops taking items when its signal aborts and rejects with the reason", async () => {
  const controller = new AbortController();
  const started: number[] = [];
  let completed = 0;
  const pending = mapLlm(
    Array.from({ length: 20 }, (_, i) => i),
    async (i) => {
      started.push(i);
      if (i === 3) controller.abort(new Error("stop now"));
      await new Promise((r) => setTimeout(r, 2));
      completed++;
      return i;
    },
    { concurrency: 2, signal: controller.signal, progress: false },
  );
  let completedAtRejection = -1;
  const observed = pending.finally(() => (completedAtRejection = completed));
  await assert.rejects(observed, /stop now/);
  assert.deepEqual(started, [0, 1, 2, 3], "no new item after the abort");
  assert.equal(completedAtRejection, 4, "rejects once the items in flight have settled");
});

Deno.test("combineSentiment: votes, ties, failed members and agreement statistics", () => {
  const [article] = sampleNews({ count: 1 });
  const member = (model: string, score: number, label: string | null): SentimentScore => ({
    id: article.id,
    publishedAt: article.publishedAt,
    symbols: [...article.symbols],
    ok: label !== null,
    score: label === null ? NaN : score,
    confidence: label === null ? NaN : 0.8,
    label: label as SentimentLabel | null,
    entities: [],
    rationale: "",
    model,
    scoredAt: "2026-01-01T00:00:00.000Z",
    cached: false,
    lookAheadRisk: false,
    usage: { promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0 },
    costUsd: 0,
    latencyMs: 0,
    ...(label === null ? { error: "HTTP 500" } : {}),
  });
  const lists = (...ms: SentimentScore[]) => ms.map((m) => [m]);

  const vote = combineSentiment(
    lists(
      member("a", 0.8, "positive"),
      member("b", 0.6, "positive"),
      member("c", -0.9, "negative"),
    ),
    "vote",
  ).scores[0];
  assert.equal(vote.label, "positive");
  assert.ok(Math.abs(vote.score - 0.7) < 1e-12, "mean of the majority's members");
  assert.ok(Math.abs(vote.agreement - 2 / 3) < 1e-12);
  assert.equal(vote.members, 3);

  const tie = combineSentiment(
    lists(member("a", 0.9, "positive"), member("b", 0.1, "neutral"), member("c", NaN, null)),
    "vote",
  ).scores[0];
  assert.equal(tie.members, 2, "the failed member is left out");
  assert.equal(tie.agreement, 0.5);
  assert.ok(Math.abs(tie.score - 0.5) < 1e-12);
  assert.equal(tie.label, "positive", "a split takes the label of the mean, not 'neutral'");

  const none = combineSentiment(lists(member("a", NaN, null), member("b", NaN, null)), "mean");
  assert.equal(none.scores[0].ok, false);
  assert.ok(Number.isNaN(none.scores[0].score) && Number.isNaN(none.scores[0].agreement));
  assert.equal(none.scores[0].label, null);
  assert.ok(Number.isNaN(none.stats.meanAgreement));

  const other = { ...member("b", 0.1, "neutral"), id: "another-article" };
  assert.throws(
    () => combineSentiment([[member("a", 0.2, "positive")], [other]]),
    /same order/,
  );
  assert.throws(() => combineSentiment([]), /no score lists/);
});

Deno.test("mapLlm draws a progress bar on stderr when asked (the default in a terminal)", async () => {
  const script = `
    import { mapLlm } from ${JSON.stringify(new URL("../lib/llm/mod.ts", import.meta.url).href)};
    await mapLlm([1, 2, 3, 4], async (x) => {
      if (x === 2) throw new Error("no");
      return x;
    }, { progress: true, concurrency: 1 });
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-check", script],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.ok(out.success, stderr);
  assert.match(stderr, /\r\[#{30}\] 4\/4 \(1 failed\) [\d.]+\/s\n$/);
  assert.equal(new TextDecoder().decode(out.stdout), "", "nothing on stdout");
});
