/**
 * Renders the demo's HTML report in headless Chromium and checks that every figure drew
 * its SVG (plotly's `main-svg`); keeps a screenshot in out/report-screenshot.png. Also checks
 * that a figure's Jupyter `text/html` fallback draws on a page that has plotly.js. Skipped
 * with a message where Chromium is missing, except in CI (`CI=true`).
 */
import assert from "node:assert/strict";
import { figureMimeBundle, lineFigure, renderReport } from "../lib/plot/mod.ts";

const root = new URL("../", import.meta.url);
const inCi = Deno.env.get("CI") === "true";

function findChromium(): string | undefined {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    for (const dir of (Deno.env.get("PATH") ?? "/usr/bin").split(":")) {
      try {
        if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
      } catch { /* not in this folder */ }
    }
  }
  return undefined;
}

const chromium = findChromium();
if (!chromium && !inCi) {
  console.log(
    "report_browser_test: SKIPPED: chromium is not installed (apt-get install chromium).",
  );
}

async function runChromium(args: string[], env: Record<string, string> = {}): Promise<string> {
  const profile = await Deno.makeTempDir({ prefix: "quantbook-chromium-" });
  try {
    const out = await new Deno.Command(chromium!, {
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${profile}`,
        "--hide-scrollbars",
        "--virtual-time-budget=15000",
        ...args,
      ],
      env,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr).slice(-2000));
    return new TextDecoder().decode(out.stdout);
  } finally {
    await Deno.remove(profile, { recursive: true });
  }
}

Deno.test({
  name: "the demo's HTML report renders every figure in headless Chromium",
  ignore: !chromium && !inCi,
  async fn() {
    if (!chromium) throw new Error("CI=true but chromium is missing; this test never skips in CI.");
    const dir = await Deno.makeTempDir({ prefix: "quantbook-demo-" });
    try {
      const demo = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "examples/demo.ts", "--out", dir],
        cwd: root,
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const stdout = new TextDecoder().decode(demo.stdout);
      assert.ok(demo.success, `demo failed:\n${stdout}\n${new TextDecoder().decode(demo.stderr)}`);
      const path = stdout.match(/^Report: (.+\.html)$/m)?.[1];
      assert.ok(path, `the demo did not print "Report: <path>":\n${stdout}`);
      const source = await Deno.readTextFile(path);
      const expected = source.match(/<div class="quantbook-figure" id="figure-\d+">/g)?.length ?? 0;
      assert.ok(expected >= 4, `the report has only ${expected} figures`);

      const dom = await runChromium(["--dump-dom", `file://${path}`]);
      const chunks = dom.split(/<div class="quantbook-figure[^"]*" id="figure-/).slice(1);
      assert.equal(chunks.length, expected, "every figure div is in the rendered page");
      chunks.forEach((chunk, i) => {
        assert.match(chunk, /class="main-svg"/, `figure ${i + 1} drew no SVG`);
      });
      assert.doesNotMatch(dom, /plotly\.js could not be loaded/);

      await Deno.mkdir(new URL("out/", root), { recursive: true });
      const shot = new URL("out/report-screenshot.png", root).pathname;
      await runChromium([`--screenshot=${shot}`, "--window-size=1280,2200", `file://${path}`]);
      const png = await Deno.readFile(shot);
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
      assert.ok(png.length > 20_000, `the screenshot is only ${png.length} bytes`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "a figure's Jupyter text/html fallback draws with the page's plotly.js, in UTC",
  ignore: !chromium && !inCi,
  async fn() {
    if (!chromium) throw new Error("CI=true but chromium is missing; this test never skips in CI.");
    const dir = await Deno.makeTempDir({ prefix: "quantbook-fallback-" });
    try {
      // A report page with no figure of its own gives a page with plotly.js inlined.
      const page = await renderReport({ title: "fallback", sections: [] });
      // 2024-03-01 00:00 to 06:00 UTC: 19:00 to 01:00 in New York.
      const t0 = Date.UTC(2024, 2, 1) * 1000;
      const figure = lineFigure(new Float64Array([t0, t0 + 3 * 3600e6, t0 + 6 * 3600e6]), {
        x: new Float64Array([1, 3, 2]),
      });
      const html = figureMimeBundle(figure)["text/html"] as string;
      const path = `${dir}/fallback.html`;
      await Deno.writeTextFile(path, page.replace("</main>", `${html}\n</main>`));
      const dom = await runChromium(["--dump-dom", `file://${path}`], { TZ: "America/New_York" });
      assert.match(dom, /class="quantbook-figure js-plotly-plot"[^]*class="main-svg"/);
      // The time axis reads UTC whatever the viewer's time zone.
      const ticks = [...dom.matchAll(/class="xtick"[^]*?<text[^>]*>([^<]*)/g)].map((m) => m[1]);
      assert.ok(ticks.includes("06:00"), `x ticks: ${ticks.join(", ")}`);
      assert.ok(!ticks.includes("20:00"), `x ticks shifted to local time: ${ticks.join(", ")}`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
