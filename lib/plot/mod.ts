/**
 * Plots, notebook display and reports: plotly figure builders (price with trades, equity
 * with drawdown, indicator and factor lines, sweep heatmaps, trade-return histograms,
 * sentiment against price) that display themselves in Jupyter, HTML tables for columnar
 * tables and stats, an in-place progress display, and `writeReport` for a standalone
 * offline HTML file with plotly.js inlined.
 *
 * @example
 * ```ts
 * import { equityFigure, statsView } from "@quantbook/sdk/plot";
 * const t = new Float64Array([0, 86_400e6, 172_800e6]);
 * const fig = equityFigure(t, new Float64Array([100, 97, 104]));
 * const table = statsView({ totalReturnPct: 4, sharpe: 1.1 });
 * console.log(table.toText());
 * ```
 *
 * @module
 */
export {
  type Figure,
  type JupyterDisplayable,
  jupyterDisplaySymbol,
  type MimeBundle,
  type PlotlyFigure,
  type PlotlyTrace,
} from "./types.ts";
export { figureMimeBundle, PLOTLY_JS_VERSION } from "./figure_display.ts";
export {
  type PlotTrades,
  priceFigure,
  type PriceFigureOptions,
  type PriceInput,
} from "./price_figure.ts";
export { equityFigure, type EquityFigureOptions } from "./equity_figure.ts";
export { lineFigure, type LineFigureOptions } from "./line_figure.ts";
export { indicatorFigure, type IndicatorFigureOptions } from "./indicator_figure.ts";
export { sweepHeatmapFigure, type SweepHeatmapOptions } from "./heatmap_figure.ts";
export { tradeReturnsFigure, type TradeReturnsFigureOptions } from "./histogram_figure.ts";
export {
  type SentimentEvents,
  sentimentFigure,
  type SentimentFigureOptions,
} from "./sentiment_figure.ts";
export {
  statsView,
  type StatsViewOptions,
  TableView,
  tableView,
  type TableViewOptions,
} from "./table_view.ts";
export { type Progress, progressDisplay, type ProgressOptions } from "./progress.ts";
export { renderReport, type ReportOptions, type ReportSection, writeReport } from "./report.ts";
