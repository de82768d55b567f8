/**
 * danfojs interop: `toDataFrame(table)` and `fromDataFrame(df)` convert between the SDK's
 * columnar tables and `npm:danfojs@1.1.2` DataFrames. A separate export (`./frame`) because
 * danfojs pulls in TensorFlow.js; the main module stays light.
 *
 * @example
 * ```ts
 * import { fromDataFrame, toDataFrame } from "@quantbook/sdk/frame";
 * const df = toDataFrame({ close: new Float64Array([1, 2, 3]) });
 * const back = fromDataFrame(df);
 * back.close; // Float64Array [1, 2, 3]
 * ```
 *
 * @module
 */
export {
  fromDataFrame,
  type FromDataFrameOptions,
  toDataFrame,
  type ToDataFrameOptions,
} from "./dataframe.ts";
export type { Table } from "../series/types.ts";
