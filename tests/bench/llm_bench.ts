/**
 * LLM layer benchmarks against the local OpenAI-compatible server, run in its own process
 * (`tests/servers/openai_server.ts`) so that the client's CPU time is measured alone:
 *
 * - 10,000 `llmJson` calls at concurrency 64 with ~1 ms latency and 20% injected faults
 *   (429, 500, empty, truncated, prose): every item must end ok with a schema-valid value or
 *   with an explicit error (none lost, none invented);
 * - the same without latency or faults: client overhead;
 * - the peer: the same 10,000 requests sent with the bare `openai` SDK (`create()` only, no
 *   retries, extraction or validation), to show what this layer adds to its transport;
 * - the offline replay of 10,000 cached answers (`cacheMode: "only"`), target under 1 s.
 *
 * Each run prints items/s and HTTP requests/s (wall) and the client overhead: CPU time of
 * this process per HTTP request, and the requests/s one core of client CPU sustains.
 * No python peer: pandas has no equivalent; the bare SDK is the peer.
 *
 * @module
 */
import process from "node:process";
import OpenAI from "openai";
import { z } from "zod";
import {
  createLlm,
  type Llm,
  llmJson,
  type LlmJsonSuccess,
  mapLlm,
  type MapLlmResult,
} from "../../lib/llm/mod.ts";

const N = 10_000;
const CONCURRENCY = 64;
const Answer = z.object({ ok: z.literal(true) });
type AnswerT = z.infer<typeof Answer>;
const SERVER = new URL("../servers/openai_server.ts", import.meta.url).pathname;

interface ServerProcess {
  baseURL: string;
  stop(): Promise<void>;
}

/** Starts the test server in a child process and reads its base URL from stdout. */
async function spawnServer(flags: string[]): Promise<ServerProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SERVER, ...flags],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await lines.read();
    if (done) throw new Error("the test server exited before printing its base URL");
    text += value;
  }
  return {
    baseURL: text.split("\n")[0].trim(),
    async stop() {
      child.kill("SIGTERM");
      await lines.cancel();
      await child.status;
    },
  };
}

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
  if (ok + failed !== N) throw new Error(`${N - ok - failed} items neither ok nor failed`);
  return { ok, failed };
}

/** Runs the batch between b.start/b.end and reports wall throughput and client CPU cost. */
async function timedBatch(
  b: Deno.BenchContext,
  llm: Llm,
  tag: string,
): Promise<{ results: MapLlmResult<LlmJsonSuccess<AnswerT>>[]; report: string }> {
  const cpu0 = process.cpuUsage();
  b.start();
  const t0 = performance.now();
  const results = await runBatch(llm, tag);
  const seconds = (performance.now() - t0) / 1000;
  b.end();
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const requests = llm.totals.requests;
  const report = `${(N / seconds).toFixed(0)} items/s, ${
    (requests / seconds).toFixed(0)
  } HTTP requests/s wall; client overhead ${
    (1e6 * cpuSeconds / Math.max(1, requests)).toFixed(0)
  } µs CPU per request = ${(requests / cpuSeconds).toFixed(0)} requests/s per client core`;
  return { results, report };
}

Deno.bench({
  name: "llm: 10k requests, c64, 1 ms latency, 20% faults",
  n: 1,
  warmup: 0,
  async fn(b) {
    const server = await spawnServer(["--latency-ms=1", "--fault-rate=0.2", "--seed=7"]);
    try {
      const llm = createLlm({
        baseURL: server.baseURL,
        model: "mock-1",
        concurrency: CONCURRENCY,
        retryBaseMs: 2,
        retryMaxMs: 20,
        maxRetries: 3,
        breakerThreshold: 50,
      });
      const { results, report } = await timedBatch(b, llm, "faulty");
      const { ok, failed } = audit(results);
      console.error(
        `faulty run: ${ok} ok + ${failed} explicit failures = ${N} items (${llm.totals.requests} HTTP requests); ${report}`,
      );
    } finally {
      await server.stop();
    }
  },
});

Deno.bench({
  name: "llm: 10k requests, c64, no latency, no faults (client overhead)",
  n: 1,
  warmup: 0,
  async fn(b) {
    const server = await spawnServer([]);
    try {
      const llm = createLlm({
        baseURL: server.baseURL,
        model: "mock-1",
        concurrency: CONCURRENCY,
      });
      const { results, report } = await timedBatch(b, llm, "clean");
      const { failed } = audit(results);
      if (failed !== 0) throw new Error(`${failed} failures without faults`);
      console.error(`clean run: ${report}`);
    } finally {
      await server.stop();
    }
  },
});

Deno.bench({
  name: "llm peer: bare openai SDK, 10k create() calls, c64, no latency",
  n: 1,
  warmup: 0,
  async fn(b) {
    const server = await spawnServer([]);
    try {
      const client = new OpenAI({ apiKey: "k", baseURL: server.baseURL, maxRetries: 0 });
      const body = { model: "mock-1", temperature: 0 };
      const cpu0 = process.cpuUsage();
      b.start();
      const t0 = performance.now();
      let next = 0;
      let answered = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) {
          const i = next++;
          const r = await client.chat.completions.create({
            ...body,
            messages: [{ role: "user", content: `peer request ${i}` }],
          });
          if (r.choices[0].message.content) answered++;
        }
      }));
      const seconds = (performance.now() - t0) / 1000;
      b.end();
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (answered !== N) throw new Error(`${N - answered} peer requests without an answer`);
      console.error(
        `bare SDK: ${(N / seconds).toFixed(0)} requests/s wall; ${
          (1e6 * cpuSeconds / N).toFixed(0)
        } µs CPU per request = ${(N / cpuSeconds).toFixed(0)} requests/s per client core`,
      );
    } finally {
      await server.stop();
    }
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
      const server = await spawnServer([]);
      try {
        const llm = createLlm({
          baseURL: server.baseURL,
          model: "mock-1",
          cacheDir,
          concurrency: CONCURRENCY,
        });
        audit(await runBatch(llm, "cached"));
        return server.baseURL;
      } finally {
        await server.stop();
      }
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
    console.error(
      `replay: ${N} cached answers in ${seconds.toFixed(3)} s (target < 1 s: ${
        seconds < 1 ? "met" : "MISSED"
      })`,
    );
    const { failed } = audit(results);
    if (failed !== 0 || offline.totals.cacheHits !== N || offline.totals.requests !== 0) {
      throw new Error("replay missed the cache or used the network");
    }
  },
});
