export type { Bars, RollingOptions, Table } from "./types.ts";
