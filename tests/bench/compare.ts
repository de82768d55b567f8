/**
 * Side-by-side peer comparison: `deno run -A tests/bench/compare.ts <domain>` runs
 * `deno bench --json tests/bench/<domain>_bench.ts` and `python3 tests/bench/<domain>_peer.py`
 * in the same run (on the same generated data) and prints each bench's time beside the
 * peer's, with the ratio peer / ours (> 1 means quantbook is faster). The ratio compares the
 * best run of each side (least disturbed by the other processes on a 2-core machine); the
 * mean (ours) and median (peer) are shown too.
 *
 * @module
 */
import { writeBenchSeries } from "./_data.ts";

const domain = Deno.args[0];
if (!domain) {
  console.error("usage: deno run -A tests/bench/compare.ts <domain> (e.g. rolling)");
  Deno.exit(2);
}
const here = new URL(".", import.meta.url).pathname;
const python = Deno.env.get("QUANTBOOK_PYTHON") ?? "/usr/bin/python3";
const dataPath = await Deno.makeTempFile({ suffix: ".f64" });
await writeBenchSeries(dataPath, 10_000_000);

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "inherit" }).output();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed`);
  return new TextDecoder().decode(out.stdout);
}

interface BenchJson {
  benches: { name: string; results: { ok?: { avg: number; min: number } }[] }[];
}

try {
  const ours = JSON.parse(
    await run(Deno.execPath(), ["bench", "-A", "--json", `${here}${domain}_bench.ts`]),
  ) as BenchJson;
  const peerScript = `${here}${domain}_peer.py`;
  const hasPeer = await Deno.stat(peerScript).then(() => true, () => false);
  const peer = hasPeer
    ? JSON.parse((await run(python, [peerScript, dataPath])).trim().split("\n").pop()!) as Record<
      string,
      { min: number; median: number }
    >
    : {};
  if (!hasPeer) console.log(`no ${domain}_peer.py: its peers (if any) are benches in the file`);
  const rows = ours.benches.map((b) => {
    const min = (b.results[0]?.ok?.min ?? NaN) / 1e9;
    const avg = (b.results[0]?.ok?.avg ?? NaN) / 1e9;
    const p = peer[b.name];
    return {
      bench: b.name,
      "quantbook min s": min.toFixed(4),
      "quantbook avg s": avg.toFixed(4),
      "peer min s": p ? p.min.toFixed(4) : "-",
      "peer median s": p ? p.median.toFixed(4) : "-",
      "peer/quantbook (min)": p ? (p.min / min).toFixed(2) + "x" : "-",
    };
  });
  console.table(rows);
} finally {
  await Deno.remove(dataPath);
}
