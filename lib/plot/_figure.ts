import { figureMimeBundle } from "./figure_display.ts";
import { type Figure, jupyterDisplaySymbol, type PlotlyTrace } from "./types.ts";

/** Builds a figure whose symbol-keyed display hook renders it in Jupyter. */
export function makeFigure(data: PlotlyTrace[], layout: Record<string, unknown>): Figure {
  const figure = { data, layout } as Figure;
  Object.defineProperty(figure, jupyterDisplaySymbol, {
    value: () => figureMimeBundle(figure),
    enumerable: false,
  });
  return figure;
}
