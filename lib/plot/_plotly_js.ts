let cached: Promise<string> | undefined;

/**
 * The plotly.js bundle source, read from the npm package `plotly.js-dist-min` (it is
 * browser-only, so it is read as text and inlined into HTML, never imported as code).
 *
 * How the file is found, in a repo with `node_modules/` and from JSR alike: the literal
 * dynamic JSON import below puts the npm package into Deno's module graph, so Deno
 * downloads it into its npm cache (or `node_modules/`) with the rest of the graph;
 * `import.meta.resolve` of the bundle then gives a `file:` URL there. Needs `--allow-read` for that file, and,
 * on a machine that never fetched the package, npm registry access once (or
 * `deno cache npm:plotly.js-dist-min@4.1.2` beforehand).
 */
export function loadPlotlyJs(): Promise<string> {
  cached ??= readBundle();
  cached.catch(() => (cached = undefined));
  return cached;
}

async function readBundle(): Promise<string> {
  // Bare specifiers: deno.json maps them, and `deno publish` rewrites both literals to the
  // pinned `npm:plotly.js-dist-min@<version>/...` form for JSR.
  await import("plotly.js-dist-min/package.json", { with: { type: "json" } });
  const url = import.meta.resolve("plotly.js-dist-min/plotly.min.js");
  if (!url.startsWith("file:")) {
    throw new Error(
      `Could not locate plotly.js on disk (resolved to ${url}). Run ` +
        "`deno cache npm:plotly.js-dist-min@4.1.2` (or `deno install` in a project), or pass " +
        "the bundle source as `plotlyJs` in the report options.",
    );
  }
  try {
    return await Deno.readTextFile(new URL(url));
  } catch (error) {
    throw new Error(
      `Could not read plotly.js from ${url}: ${(error as Error).message}. Grant read access ` +
        "(--allow-read) or pass the bundle source as `plotlyJs` in the report options.",
      { cause: error },
    );
  }
}
