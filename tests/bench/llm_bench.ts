/**
 * LLM layer benchmarks against the local OpenAI-compatible server (same process, 127.0.0.1):
 * 10,000 `llmJson` calls at concurrency 64 with ~1 ms latency and 20% injected faults (every
 * item must end ok with a schema-valid value or with an explicit error), the same without
 * latency or faults (client overhead), and the offline replay of 10,000 cached answers.
 * Requests/s = 10,000 / the reported time. No python peer: there is no pandas equivalent.
 *
 * @module
 */
import { z } from "zod";
import {
  createLlm,
  type Llm,
  llmJson,
  type LlmJsonSuccess,
  mapLlm,
  type MapLlmResult,
} from "../../lib/llm/mod.ts";
import { startOpenAiServer } from "../servers/openai_server.ts";

const N = 10_000;
const CONCURRENCY = 64;
const Answer = z.object({ ok: z.literal(true) });
type AnswerT = z.infer<typeof Answer>;

function runBatch(llm: Llm, tag: string): Promise<MapLlmResult<LlmJsonSuccess<AnswerT>>[]> {
  return mapLlm(
    Array.from({ length: N }, (_, i) => i),
    (i) =>
      llmJson(llm, {
        messages: [{ role: "user", content: `${tag} request ${i}` }],
        schema: Answer,
      }),
    { concurrency: CONCURRENCY, progress: false },
  );
}

/** Every item ends ok with a valid value or with an explicit error: none lost, none invented. */
function audit(results: MapLlmResult<LlmJsonSuccess<AnswerT>>[]): { ok: number; failed: number } {
  if (results.length !== N) throw new Error(`lost items: ${results.length} of ${N}`);
  let ok = 0;
  let failed = 0;
  results.forEach((r, i) => {
    if (!r || r.index !== i) throw new Error(`item ${i} lost or out of order`);
    if (r.ok) {
      if (r.value.value.ok !== true) throw new Error(`item ${i}: invented value`);
      ok++;
    } else {
      if (typeof r.error !== "string" || r.error === "" || "value" in r) {
        throw new Error(`item ${i}: failure without an explicit error`);
      }
      failed++;
    }
  });
  return { ok, failed };
}

Deno.bench({
  name: "llm: 10k requests, c64, 1 ms latency, 20% faults",
  n: 1,
  warmup: 0,
  async fn(b) {
    const server = startOpenAiServer({ latencyMs: 1, faultRate: 0.2, seed: 7 });
    const llm = createLlm({
      baseURL: server.baseURL,
      model: "mock-1",
      concurrency: CONCURRENCY,
      retryBaseMs: 2,
      retryMaxMs: 20,
      maxRetries: 3,
      breakerThreshold: 50,
    });
    b.start();
    const t0 = performance.now();
    const results = await runBatch(llm, "faulty");
    const seconds = (performance.now() - t0) / 1000;
    b.end();
    await server.close();
    const { ok, failed } = audit(results);
    console.error(
      `faulty run: ${ok} ok, ${failed} explicit failures, ${llm.totals.requests} HTTP requests, ${
        (N / seconds).toFixed(0)
      } items/s`,
    );
  },
});

Deno.bench({
  name: "llm: 10k requests, c64, no latency, no faults (client overhead)",
  n: 1,
  warmup: 0,
  async fn(b) {
    const server = startOpenAiServer();
    const llm = createLlm({ baseURL: server.baseURL, model: "mock-1", concurrency: CONCURRENCY });
    b.start();
    const t0 = performance.now();
    const results = await runBatch(llm, "clean");
    const seconds = (performance.now() - t0) / 1000;
    b.end();
    await server.close();
    const { failed } = audit(results);
    if (failed !== 0) throw new Error(`${failed} failures without faults`);
    console.error(`clean run: ${(N / seconds).toFixed(0)} requests/s (client + in-process server)`);
  },
});

const cacheDir = Deno.makeTempDirSync({ prefix: "quantbook-llm-bench-" });
globalThis.addEventListener("unload", () => Deno.removeSync(cacheDir, { recursive: true }));
let filled: Promise<string> | undefined;

Deno.bench({
  name: "llm: replay 10k cached answers (cacheMode only)",
  n: 3,
  warmup: 1,
  async fn(b) {
    filled ??= (async () => {
      const server = startOpenAiServer();
      const llm = createLlm({
        baseURL: server.baseURL,
        model: "mock-1",
        cacheDir,
        concurrency: CONCURRENCY,
      });
      audit(await runBatch(llm, "cached"));
      await server.close();
      return server.baseURL;
    })();
    const offline = createLlm({
      baseURL: await filled,
      model: "mock-1",
      cacheDir,
      cacheMode: "only",
      concurrency: CONCURRENCY,
    });
    b.start();
    const t0 = performance.now();
    const results = await runBatch(offline, "cached");
    const seconds = (performance.now() - t0) / 1000;
    b.end();
    console.error(`replay: ${N} cached answers in ${seconds.toFixed(3)} s (target < 1 s)`);
    const { failed } = audit(results);
    if (failed !== 0 || offline.totals.cacheHits !== N || offline.totals.requests !== 0) {
      throw new Error("replay missed the cache or used the network");
    }
  },
});
