/**
 * The demo's "real services" path, end to end against local servers that speak the real wire
 * formats: a Tardis-compatible datasets server (API key required) and an OpenAI-compatible
 * chat server (API key required). Checks that the demo downloads through the endpoint, scores
 * headlines with the model, replays the LLM cache offline with `--replay`, and never writes
 * either key to its output, its report or its caches.
 */
import assert from "node:assert/strict";
import { writeSampleDatasets } from "../lib/tardis/mod.ts";
import { startTardisTestServer } from "./servers/tardis_server.ts";
import { startOpenAiServer } from "./servers/openai_server.ts";

const root = new URL("../", import.meta.url);
const TARDIS_KEY = "tardis-test-key-0123456789";
const LLM_KEY = "sk-llm-test-key-9876543210";

async function runDemo(
  cwd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      new URL("deno.json", root).pathname,
      new URL("examples/demo.ts", root).pathname,
      ...args,
    ],
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  assert.ok(out.success, `demo failed:\n${stdout}\n${stderr}`);
  return { stdout, stderr };
}

/** Every file under `dir`, as text. */
async function readTree(dir: string): Promise<string[]> {
  const texts: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) texts.push(...await readTree(path));
    else if (!entry.name.endsWith(".gz")) texts.push(await Deno.readTextFile(path));
  }
  return texts;
}

Deno.test("the demo uses a Tardis endpoint and an LLM when configured, and replays offline", async () => {
  const dir = await Deno.makeTempDir({ prefix: "quantbook-demo-live-" });
  await writeSampleDatasets({
    dir: `${dir}/served`,
    date: "2024-03-01",
    days: 2,
    tradesPerDay: 5_000,
    dataTypes: ["trades"],
  });
  const tardis = startTardisTestServer({ dir: `${dir}/served`, apiKey: TARDIS_KEY });
  const llm = startOpenAiServer({ apiKey: LLM_KEY });
  try {
    const env = {
      TARDIS_API_KEY: TARDIS_KEY,
      QUANTBOOK_LLM_BASE_URL: llm.baseURL,
      QUANTBOOK_LLM_API_KEY: LLM_KEY,
      QUANTBOOK_LLM_MODEL: "test-model",
    };
    const args = ["--endpoint", tardis.endpoint, "--days", "2", "--out", `${dir}/out`];
    const live = await runDemo(dir, args, env);
    assert.match(live.stdout, new RegExp(`^quantbook demo: ${tardis.endpoint} binance-futures`));
    assert.match(
      live.stdout,
      /10,000 trades -> 576 5-minute bars; 12 headlines scored by the LLM test-model/,
    );
    assert.match(live.stdout, /0 failed, left out/);
    assert.match(live.stdout, /Warning: 2 days are too few for annualized figures/);
    const downloads = tardis.requests.filter((r) => r.path.endsWith(".csv.gz"));
    assert.deepEqual(downloads.map((r) => r.path).sort(), [
      "/v1/binance-futures/trades/2024/03/01/BTCUSDT.csv.gz",
      "/v1/binance-futures/trades/2024/03/02/BTCUSDT.csv.gz",
    ]);
    assert.ok(downloads.every((r) => r.authorization === `Bearer ${TARDIS_KEY}`));
    assert.equal(llm.calls, 12);
    assert.ok(llm.authHeaders.every((h) => h === `Bearer ${LLM_KEY}`));

    // Replay: every answer comes from .cache/llm, the model is not called again.
    const replay = await runDemo(dir, [...args, "--replay"], env);
    assert.equal(llm.calls, 12);
    assert.match(replay.stdout, /replayed from \.cache\/llm; 0 failed/);
    const table = (text: string) => text.slice(text.indexOf("metric"), text.indexOf("Report:"));
    assert.equal(table(replay.stdout), table(live.stdout));

    // No key anywhere: terminal output, report, Tardis and LLM caches.
    const written = [
      live.stdout,
      live.stderr,
      replay.stdout,
      replay.stderr,
      ...await readTree(`${dir}/out`),
      ...await readTree(`${dir}/.cache`),
    ];
    for (const text of written) {
      assert.ok(!text.includes(TARDIS_KEY) && !text.includes(LLM_KEY), "an API key leaked");
    }
  } finally {
    await llm.close();
    await tardis.close();
    await Deno.remove(dir, { recursive: true });
  }
});
