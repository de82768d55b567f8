import { escapeHtml, jsonForScript } from "./_html.ts";
import type { MimeBundle, PlotlyFigure } from "./types.ts";

/**
 * The plotly.js version this SDK pins (`npm:plotly.js-dist-min`) and inlines into reports.
 *
 * @example
 * ```ts
 * import { PLOTLY_JS_VERSION } from "@quantbook/sdk/plot";
 * console.log(`plotly.js ${PLOTLY_JS_VERSION}`);
 * ```
 */
export const PLOTLY_JS_VERSION = "4.1.2";

let nextFigureId = 0;

/**
 * The Jupyter media bundle for a plotly figure: `application/vnd.plotly.v1+json` (rendered
 * natively by VS Code, JupyterLab with the plotly renderer, nteract), a `text/html` fallback
 * that draws with the page's plotly.js or loads it from cdn.plot.ly (for frontends without
 * a plotly renderer; needs the network), and a `text/plain` summary.
 *
 * @example
 * ```ts
 * import { figureMimeBundle } from "@quantbook/sdk/plot";
 * const bundle = figureMimeBundle({ data: [{ type: "bar", x: ["a"], y: [1] }], layout: {} });
 * Object.keys(bundle); // ["application/vnd.plotly.v1+json", "text/html", "text/plain"]
 * ```
 */
export function figureMimeBundle(figure: PlotlyFigure): MimeBundle {
  const plain = { data: figure.data, layout: figure.layout };
  // Round-trip through JSON so typed arrays and NaN become plain JSON the kernel can send.
  const json = JSON.parse(JSON.stringify(plain)) as PlotlyFigure;
  return {
    "application/vnd.plotly.v1+json": json,
    "text/html": figureHtmlFallback(json),
    "text/plain": figureSummary(json),
  };
}

/** One-line description of a figure: its title and trace names. */
function figureSummary(figure: PlotlyFigure): string {
  const title = (figure.layout.title as { text?: string } | undefined)?.text ?? "untitled";
  const names = figure.data.map((t, i) => String(t.name ?? `trace ${i}`));
  return `Figure "${title}" with ${figure.data.length} trace(s): ${names.join(", ")}`;
}

function figureHtmlFallback(figure: PlotlyFigure): string {
  const id = `quantbook-fig-${Date.now().toString(36)}-${nextFigureId++}`;
  const cdn = `https://cdn.plot.ly/plotly-${PLOTLY_JS_VERSION}.min.js`;
  return `<div id="${id}" class="quantbook-figure"></div>
<script>(function () {
  var fig = ${jsonForScript(figure)};
  function draw() { window.Plotly.newPlot("${id}", fig.data, fig.layout, { responsive: true, displaylogo: false }); }
  if (window.Plotly) { draw(); return; }
  var s = document.createElement("script");
  s.src = "${cdn}";
  s.onload = draw;
  s.onerror = function () { document.getElementById("${id}").textContent = ${
    jsonForScript(figureSummary(figure) + " (plotly.js could not be loaded)")
  }; };
  document.head.appendChild(s);
})();</script>
<noscript>${escapeHtml(figureSummary(figure))}</noscript>`;
}
