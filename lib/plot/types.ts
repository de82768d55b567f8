/**
 * The Jupyter display hook `Symbol.for("Jupyter.display")`, read by Deno's Jupyter kernel:
 * a cell's last value with this method is shown from the media bundle it returns.
 *
 * @example
 * ```ts
 * import { jupyterDisplaySymbol } from "@quantbook/sdk/plot";
 * const badge = { [jupyterDisplaySymbol]: () => ({ "text/html": "<b>ok</b>" }) };
 * ```
 */
export const jupyterDisplaySymbol: unique symbol = Symbol.for("Jupyter.display");

/**
 * A Jupyter media bundle: mimetype -> data (`text/html`, `text/plain`,
 * `application/vnd.plotly.v1+json`, ...).
 *
 * @example
 * ```ts
 * import type { MimeBundle } from "@quantbook/sdk/plot";
 * const bundle: MimeBundle = { "text/plain": "hello" };
 * ```
 */
export type MimeBundle = Record<string, string | object>;

/**
 * An object Deno's Jupyter kernel knows how to show: the last expression of a cell that
 * carries this method is rendered from the returned media bundle.
 *
 * @example
 * ```ts
 * import { jupyterDisplaySymbol, type JupyterDisplayable } from "@quantbook/sdk/plot";
 * const note: JupyterDisplayable = {
 *   [jupyterDisplaySymbol]: () => ({ "text/html": "<b>done</b>" }),
 * };
 * ```
 */
export interface JupyterDisplayable {
  /** Returns the media bundle the notebook renders. */
  [jupyterDisplaySymbol](): MimeBundle;
}

/**
 * One plotly trace (`{ type: "scatter", x, y, ... }`): plain JSON, as plotly.js expects.
 *
 * @example
 * ```ts
 * import type { PlotlyTrace } from "@quantbook/sdk/plot";
 * const trace: PlotlyTrace = { type: "scatter", x: [1, 2], y: [3, 4] };
 * ```
 */
export type PlotlyTrace = Record<string, unknown>;

/**
 * A plotly figure: plain JSON `data` and `layout` (what `Plotly.newPlot` takes). Figures
 * built by this module also display themselves in Jupyter; the display hook is a symbol key,
 * so `JSON.stringify(figure)` stays plain plotly JSON.
 *
 * @example
 * ```ts
 * import type { PlotlyFigure } from "@quantbook/sdk/plot";
 * const fig: PlotlyFigure = { data: [{ type: "bar", x: ["a"], y: [1] }], layout: {} };
 * ```
 */
export interface PlotlyFigure {
  /** The traces. */
  data: PlotlyTrace[];
  /** The layout (title, axes, size, ...). */
  layout: Record<string, unknown>;
}

/**
 * A figure built by this module: plain plotly JSON that also displays in Jupyter as
 * `application/vnd.plotly.v1+json` (with a `text/html` fallback).
 *
 * @example
 * ```ts
 * import { lineFigure, type Figure } from "@quantbook/sdk/plot";
 * const fig: Figure = lineFigure(new Float64Array([0, 60e6]), { x: new Float64Array([1, 2]) });
 * ```
 */
export type Figure = PlotlyFigure & JupyterDisplayable;
