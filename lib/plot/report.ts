import { escapeHtml, jsonForScript } from "./_html.ts";
import { loadPlotlyJs } from "./_plotly_js.ts";
import { statsView, TableView, tableView } from "./table_view.ts";
import type { PlotlyFigure } from "./types.ts";

/**
 * One section of a report: heading, note, then figures with the stats beside them (side by
 * side on wide screens), then the table.
 *
 * @example
 * ```ts
 * import type { ReportSection } from "@quantbook/sdk/plot";
 * const section: ReportSection = { title: "Results", note: "Costs: 5 bps per side.", stats: { sharpe: 1.2 } };
 * ```
 */
export interface ReportSection {
  /** Section heading. */
  title?: string;
  /** Plain text (escaped); blank lines separate paragraphs. */
  note?: string;
  /**
   * Metrics as `statsView` shows them: one stats object (e.g. `backtest(...).stats`), or
   * several by name (`{ strategy: a.stats, "buy & hold": b.stats }`), side by side.
   */
  stats?: object;
  /** A table: a `TableView` or a columnar table (shown with `tableView` defaults). */
  table?: TableView | Record<string, ArrayLike<number> | readonly string[]>;
  /** One figure. */
  figure?: PlotlyFigure;
  /** Several figures, after `figure`. */
  figures?: readonly PlotlyFigure[];
}

/**
 * Options for {@link writeReport} and {@link renderReport}.
 *
 * @example
 * ```ts
 * import type { ReportOptions } from "@quantbook/sdk/plot";
 * const opts: ReportOptions = { title: "BTC sentiment strategy", sections: [] };
 * ```
 */
export interface ReportOptions {
  /** Page title and main heading. */
  title: string;
  /** Line under the title (data source, date range, costs, ...). */
  subtitle?: string;
  /** The sections, in order. */
  sections: readonly ReportSection[];
  /**
   * plotly.js source to inline (default: the pinned `plotly.js-dist-min` bundle, read from
   * Deno's npm cache or `node_modules/`; see `loadPlotlyJs` notes in the README).
   */
  plotlyJs?: string;
  /** Time printed in the footer (default now). */
  generatedAt?: Date;
}

/**
 * Renders a standalone, offline HTML report: plotly.js is inlined (about 4.8 MB), each
 * figure drawn into its own `<div class="quantbook-figure">`, stats and tables as HTML
 * tables, notes as paragraphs. No network is needed to open it.
 *
 * @example
 * ```ts
 * import { renderReport, statsView } from "@quantbook/sdk/plot";
 * const html = await renderReport({
 *   title: "Demo",
 *   sections: [{ title: "Stats", stats: { sharpe: 1.2 } }],
 *   plotlyJs: "// the plotly.js bundle source",
 * });
 * html.includes("<h1>Demo</h1>"); // true
 * ```
 */
export async function renderReport(options: ReportOptions): Promise<string> {
  if (!options || typeof options.title !== "string") {
    throw new TypeError("renderReport: options.title must be a string.");
  }
  if (!Array.isArray(options.sections)) {
    throw new TypeError("renderReport: options.sections must be an array of sections.");
  }
  const plotly = options.plotlyJs ?? await loadPlotlyJs();
  const figures: PlotlyFigure[] = [];
  const body = options.sections.map((section, s) => {
    const parts: string[] = [];
    if (section.title) parts.push(`<h2>${escapeHtml(section.title)}</h2>`);
    if (section.note) {
      for (const p of section.note.split(/\n\s*\n/)) {
        if (p.trim()) parts.push(`<p>${escapeHtml(p.trim())}</p>`);
      }
    }
    const side: string[] = [];
    if (section.stats) {
      side.push(statsView(section.stats as Record<string, number | object>).toHtml());
    }
    if (section.table) {
      const view = section.table instanceof TableView ? section.table : tableView(section.table);
      side.push(`<div class="table-wrap">${view.toHtml()}</div>`);
    }
    const sectionFigures = [
      ...(section.figure ? [section.figure] : []),
      ...(section.figures ?? []),
    ];
    const main = sectionFigures.map((figure, f) => {
      if (!figure || !Array.isArray(figure.data)) {
        throw new TypeError(
          `renderReport: sections[${s}] figure ${f} is not a plotly figure ({ data, layout }).`,
        );
      }
      figures.push(figure);
      return `<div class="quantbook-figure" id="figure-${figures.length}"></div>`;
    });
    // Stats next to a figure (side by side on wide screens); a wide table goes below it.
    if (section.stats && !section.table && main.length) {
      parts.push(
        `<div class="split"><div class="split-side">${side.join("\n")}</div>` +
          `<div class="split-main">${main.join("\n")}</div></div>`,
      );
    } else parts.push(...main, ...side);
    return `<section>\n${parts.join("\n")}\n</section>`;
  }).join("\n");

  const plain = figures.map((f) => ({ data: f.data, layout: f.layout ?? {} }));
  const generated = (options.generatedAt ?? new Date()).toISOString().replace("T", " ").slice(
    0,
    19,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
<script>${plotly.replace(/<(\/script|!--)/gi, "<\\$1")}</script>
</head>
<body>
<header><h1>${escapeHtml(options.title)}</h1>${
    options.subtitle ? `<p class="subtitle">${escapeHtml(options.subtitle)}</p>` : ""
  }</header>
<main>
${body}
</main>
<footer>Generated ${generated} UTC by quantbook. Past performance in a backtest is not a forecast.</footer>
<script>
(function () {
  var figures = ${jsonForScript(plain)};
  figures.forEach(function (fig, i) {
    Plotly.newPlot("figure-" + (i + 1), fig.data, fig.layout, { responsive: true, displaylogo: false });
  });
})();
</script>
</body>
</html>
`;
}

/**
 * Writes {@link renderReport}'s standalone HTML to `path` (parent folders are created) and
 * resolves to the absolute path written. Needs `--allow-write` for it and `--allow-read` for the
 * plotly.js bundle.
 *
 * @example
 * ```ts ignore
 * import { equityFigure, writeReport } from "@quantbook/sdk/plot";
 * const t = new Float64Array([0, 86_400e6]);
 * const path = await writeReport("out/report.html", {
 *   title: "My strategy",
 *   sections: [{ title: "Equity", figure: equityFigure(t, new Float64Array([100, 103])) }],
 * });
 * console.log(`report: ${path}`);
 * ```
 */
export async function writeReport(path: string, options: ReportOptions): Promise<string> {
  if (typeof path !== "string" || path === "") {
    throw new TypeError('writeReport: path must be a non-empty file path, e.g. "out/report.html".');
  }
  const html = await renderReport(options);
  const slash = path.lastIndexOf("/");
  if (slash > 0) await Deno.mkdir(path.slice(0, slash), { recursive: true });
  await Deno.writeTextFile(path, html);
  return await Deno.realPath(path);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f5f6f8;color:#222;font:14px/1.5 Helvetica,Arial,sans-serif}
header{background:#1f2937;color:#fff;padding:24px 32px}
header h1{margin:0;font-size:24px}
.subtitle{margin:6px 0 0;color:#cbd5e1}
main{max-width:1200px;margin:0 auto;padding:16px}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:16px 20px;margin:16px 0}
h2{margin:0 0 8px;font-size:18px}
.quantbook-figure{width:100%;min-height:300px;margin:8px 0}
.split{display:grid;grid-template-columns:minmax(280px,max-content) minmax(0,1fr);gap:16px;align-items:start}
@media (max-width:900px){.split{grid-template-columns:1fr}}
.table-wrap{overflow-x:auto}
table.quantbook-table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
table.quantbook-table caption{text-align:left;font-weight:bold;padding:4px 0}
table.quantbook-table th,table.quantbook-table td{padding:4px 12px;border-bottom:1px solid #e5e7eb}
table.quantbook-table th{background:#f9fafb}
table.quantbook-table th,table.quantbook-table td{white-space:nowrap}
table.quantbook-table caption{white-space:normal}
footer{text-align:center;color:#6b7280;padding:16px;font-size:12px}
`;
