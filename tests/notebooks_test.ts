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
      const run = await new Deno.Command("/usr/bin/python3", {
        args: ["tests/nbrun.py", "--timeout", "240", path],
        cwd: root,
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const stdout = new TextDecoder().decode(run.stdout);
      let report;
      try {
        report = JSON.parse(stdout);
      } catch {
        throw new Error(
          `nbrun.py did not print its JSON report for ${path}:\n${stdout}\n` +
            new TextDecoder().decode(run.stderr).slice(-4000),
        );
      }
      const [result] = report.notebooks;
      assert.deepEqual(result.errors, [], `${path} failed:\n${result.errors.join("\n")}`);
      assert.ok(result.plots > 0, `${path} produced no plotly output`);
      assert.ok(run.success);
    },
  });
}
