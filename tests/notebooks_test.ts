/**
 * Runs every notebook in notebooks/ top to bottom on the Deno Jupyter kernel through
 * tests/nbrun.py (which keeps reading outputs for a grace period after idle). Fails on any
 * error output, on a `plot`-tagged cell without a plotly output, or on a `progress`-tagged
 * cell that is not one display updated in place. Where Jupyter or the
 * Deno kernelspec is missing, the tests are skipped with a message, except in CI
 * (`CI=true`), where they never skip.
 */
import assert from "node:assert/strict";

const root = new URL("../", import.meta.url);
const notebooks = [...Deno.readDirSync(new URL("notebooks/", root))]
  .filter((e) => e.isFile && e.name.endsWith(".ipynb"))
  .map((e) => `notebooks/${e.name}`)
  .sort();

function jupyterProblem(): string | undefined {
  try {
    const probe = new Deno.Command("/usr/bin/python3", {
      args: [
        "-c",
        "import jupyter_client, nbformat\n" +
        "from jupyter_client.kernelspec import KernelSpecManager\n" +
        "KernelSpecManager().get_kernel_spec('deno')",
      ],
      stdout: "null",
      stderr: "piped",
    }).outputSync();
    if (probe.success) return undefined;
    const err = new TextDecoder().decode(probe.stderr);
    return /NoSuchKernel/.test(err)
      ? "the Deno kernelspec is not installed (run `deno jupyter --install`)"
      : "Jupyter is not installed (apt-get install jupyter-client python3-nbclient python3-nbconvert python3-ipykernel jupyter-core)";
  } catch {
    return "/usr/bin/python3 is missing";
  }
}

const inCi = Deno.env.get("CI") === "true";
const problem = jupyterProblem();
if (problem && !inCi) {
  console.log(`notebooks_test: SKIPPED ${notebooks.length} notebook test(s): ${problem}.`);
}

interface NbrunReport {
  ok: boolean;
  notebooks: { path: string; plots: number; errors: string[]; display_updates: number }[];
}

/** Runs tests/nbrun.py and returns its JSON report and exit status. */
async function runNotebooks(args: string[]): Promise<{ report: NbrunReport; success: boolean }> {
  const run = await new Deno.Command("/usr/bin/python3", {
    args: ["tests/nbrun.py", ...args],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(run.stdout);
  try {
    return { report: JSON.parse(stdout), success: run.success };
  } catch {
    throw new Error(
      `nbrun.py did not print its JSON report:\n${stdout}\n` +
        new TextDecoder().decode(run.stderr).slice(-4000),
    );
  }
}

Deno.test("every notebook is listed, tags its plot cells and shows a progress display", async () => {
  assert.deepEqual(notebooks, [
    "notebooks/01-quickstart.ipynb",
    "notebooks/02-tardis-factors.ipynb",
    "notebooks/03-llm-sentiment-backtest.ipynb",
    "notebooks/04-parameter-sweep.ipynb",
  ]);
  for (const path of notebooks) {
    const nb = JSON.parse(await Deno.readTextFile(new URL(path, root)));
    assert.equal(nb.metadata.kernelspec.name, "deno", `${path} must use the Deno kernel`);
    const plots = nb.cells.filter((c: { metadata?: { tags?: string[] } }) =>
      c.metadata?.tags?.includes("plot")
    );
    assert.ok(plots.length > 0, `${path} has no cell tagged "plot"`);
    if (path.includes("04-parameter-sweep")) {
      const progress = nb.cells.filter((c: { metadata?: { tags?: string[] } }) =>
        c.metadata?.tags?.includes("progress")
      );
      assert.equal(progress.length, 1, `${path} should tag its progress cell`);
    }
    const markdown = nb.cells.filter((c: { cell_type: string }) => c.cell_type === "markdown");
    assert.ok(markdown.length >= 3, `${path} should explain its steps in markdown cells`);
  }
});

for (const path of notebooks) {
  Deno.test({
    name: `notebook runs offline top to bottom: ${path}`,
    ignore: problem !== undefined && !inCi,
    async fn() {
      if (problem) throw new Error(`CI=true but ${problem}; notebooks are never skipped in CI.`);
      const { report, success } = await runNotebooks(["--timeout", "240", path]);
      const [result] = report.notebooks;
      assert.deepEqual(result.errors, [], `${path} failed:\n${result.errors.join("\n")}`);
      assert.ok(result.plots > 0, `${path} produced no plotly output`);
      assert.ok(success);
    },
  });
}

Deno.test({
  name:
    "the runner keeps late outputs (grace after idle) and reports errors and plot-less plot cells",
  ignore: problem !== undefined && !inCi,
  async fn() {
    if (problem) throw new Error(`CI=true but ${problem}; notebooks are never skipped in CI.`);
    const code = (source: string, tags: string[] = []) => ({
      cell_type: "code",
      id: crypto.randomUUID().slice(0, 8),
      metadata: { tags },
      execution_count: null,
      outputs: [],
      source,
    });
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
      cells: [
        // The display is published 400 ms after the cell went idle (the cell has no value,
        // so no execute_result: the runner waits the whole grace period).
        code(
          "const timer = setTimeout(() => Deno.jupyter.display(" +
            '{ "application/vnd.plotly.v1+json": { data: [], layout: {} } }, { raw: true }), 400);',
          ["plot"],
        ),
        code("1 + 1", ["plot"]),
        code('throw new Error("boom")'),
        code('"not reached"'),
      ],
    };
    const dir = await Deno.makeTempDir({ prefix: "quantbook-nbrun-" });
    try {
      const path = `${dir}/late.ipynb`;
      await Deno.writeTextFile(path, JSON.stringify(notebook));
      const withGrace = await runNotebooks([path]);
      assert.equal(withGrace.success, false);
      assert.deepEqual(withGrace.report.notebooks[0].errors, [
        "cell 1: tagged plot but produced no application/vnd.plotly.v1+json output",
        "cell 2: Error: boom",
      ]);
      assert.equal(withGrace.report.notebooks[0].plots, 1);
      // Without the grace period the late display is lost: what nbconvert does at random.
      const noGrace = await runNotebooks(["--grace", "0.01", path]);
      assert.match(noGrace.report.notebooks[0].errors[0], /^cell 0: tagged plot but produced no/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
