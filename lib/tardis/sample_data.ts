import { toUtcDay, type UtcDay } from "./_date.ts";
import { writeGzipTextAtomic } from "./_gzip_file.ts";
import { SeededRandom } from "../series/random.ts";
import { TARDIS_HEADERS } from "./_schema.ts";
import { tardisCacheFileName } from "./dataset_url.ts";
import type { TardisDataType } from "./types.ts";

/**
 * Data types the sample generator can write.
 *
 * @example
 * ```ts
 * import type { SampleDataType } from "@quantbook/sdk/tardis";
 * const types: SampleDataType[] = ["trades", "derivative_ticker"];
 * ```
 */
export type SampleDataType = Extract<
  TardisDataType,
  "trades" | "book_snapshot_25" | "derivative_ticker" | "quotes" | "incremental_book_L2"
>;

/**
 * Options of {@linkcode writeSampleDatasets}. Every field but `dir` has a default.
 *
 * @example
 * ```ts
 * import type { SampleDatasetsOptions } from "@quantbook/sdk/tardis";
 * const opts: SampleDatasetsOptions = { dir: "./datasets", days: 2, tradesPerDay: 50_000 };
 * ```
 */
export interface SampleDatasetsOptions {
  /** Directory to write into (created if missing); use it as `cacheDir` of `fetchDataset`. */
  dir: string;
  /** Exchange id written in the rows and file names (default `"binance-futures"`). */
  exchange?: string;
  /** Symbol (default `"BTCUSDT"`). */
  symbol?: string;
  /** First UTC day (default `"2024-03-01"`). */
  date?: string | Date;
  /** Number of consecutive days (default 1). */
  days?: number;
  /** Random seed; the same options always write the same bytes (default 42). */
  seed?: number;
  /** Trades per day (default 100000). */
  tradesPerDay?: number;
  /** Price at the start of the first day (default 60000). */
  startPrice?: number;
  /** Daily volatility of log prices (default 0.03). */
  dailyVolatility?: number;
  /** Price tick; trades print at the best bid or ask (default 0.1). */
  tickSize?: number;
  /** Interval of book_snapshot_25 rows in ms (default 1000). */
  snapshotIntervalMs?: number;
  /** Interval of quotes rows in ms (default 1000). */
  quoteIntervalMs?: number;
  /** Interval of derivative_ticker rows in ms (default 5000). Funding settles every 8 h. */
  tickerIntervalMs?: number;
  /** Interval between incremental_book_L2 update batches in ms (default 10000). */
  l2IntervalMs?: number;
  /** gzip level from 1 (fastest) to 9 (smallest), default 3. */
  compressionLevel?: number;
  /**
   * Data types to write (default trades, book_snapshot_25, derivative_ticker and quotes;
   * add `"incremental_book_L2"` for order-book updates).
   */
  dataTypes?: readonly SampleDataType[];
}

/**
 * One file written by {@linkcode writeSampleDatasets}.
 *
 * @example
 * ```ts
 * import type { SampleDatasetFile } from "@quantbook/sdk/tardis";
 * const f: SampleDatasetFile = { dataType: "trades", date: "2024-03-01", path: "x.csv.gz", rows: 1 };
 * ```
 */
export interface SampleDatasetFile {
  /** Data type of the file. */
  dataType: SampleDataType;
  /** UTC day, `YYYY-MM-DD`. */
  date: string;
  /** Path of the `.csv.gz` file (official cache naming). */
  path: string;
  /** Data rows written. */
  rows: number;
}

const GRID_MS = 100;
const STEPS_PER_DAY = 86_400_000 / GRID_MS;
const FUNDING_PERIOD_US = 8 * 3600 * 1e6;
const DEFAULT_TYPES: readonly SampleDataType[] = [
  "trades",
  "book_snapshot_25",
  "derivative_ticker",
  "quotes",
];
const LINES_PER_CHUNK = 4096;

interface DayContext {
  day: UtcDay;
  exchange: string;
  symbol: string;
  mid: Float64Array;
  sigmaStep: number;
  tick: number;
  decimals: number;
  random: SeededRandom;
}

/**
 * Writes seeded, realistic Tardis.dev sample files (same header, number format and
 * `.csv.gz` naming as real downloads) so that `fetchDataset({ cacheDir: dir, ... })` reads
 * them offline. Trades print at the best bid/ask with taker sides that lean with the next
 * price move; book snapshots carry 25 levels whose imbalance leans the same way;
 * derivative_ticker has a slowly varying funding rate settling every 8 hours, open interest
 * and mark/index prices.
 *
 * @example
 * ```ts
 * import { fetchDataset, writeSampleDatasets } from "@quantbook/sdk/tardis";
 * const dir = await Deno.makeTempDir();
 * await writeSampleDatasets({ dir, tradesPerDay: 10_000, dataTypes: ["trades"] });
 * const trades = await fetchDataset({
 *   exchange: "binance-futures",
 *   dataType: "trades",
 *   date: "2024-03-01",
 *   symbol: "BTCUSDT",
 *   cacheDir: dir,
 * });
 * trades.price.length; // 10000
 * ```
 */
export async function writeSampleDatasets(
  options: SampleDatasetsOptions,
): Promise<SampleDatasetFile[]> {
  const exchange = options.exchange ?? "binance-futures";
  const symbol = options.symbol ?? "BTCUSDT";
  const days = options.days ?? 1;
  const tradesPerDay = options.tradesPerDay ?? 100_000;
  const tick = options.tickSize ?? 0.1;
  const dataTypes = options.dataTypes ?? DEFAULT_TYPES;
  checkPositiveInteger("days", days);
  checkPositiveInteger("tradesPerDay", tradesPerDay);
  if (!(tick > 0)) throw new RangeError(`tickSize: expected a positive number, got ${tick}.`);
  const level = options.compressionLevel ?? 3;
  if (!Number.isInteger(level) || level < 1 || level > 9) {
    throw new RangeError(`compressionLevel: expected an integer from 1 to 9, got ${level}.`);
  }
  for (const type of dataTypes) {
    if (!generators[type]) {
      throw new RangeError(
        `dataTypes: "${type}" cannot be generated; use ${Object.keys(generators).join(", ")}.`,
      );
    }
  }
  await Deno.mkdir(options.dir, { recursive: true });
  const first = toUtcDay(options.date ?? "2024-03-01");
  const seed = options.seed ?? 42;
  const sigmaStep = (options.dailyVolatility ?? 0.03) / Math.sqrt(STEPS_PER_DAY);
  const decimals = Math.max(0, Math.ceil(-Math.log10(tick) - 1e-9));
  let price = options.startPrice ?? 60_000;
  const files: SampleDatasetFile[] = [];
  for (let d = 0; d < days; d++) {
    const day = toUtcDay(new Date(first.startUs / 1000 + d * 86_400_000));
    const pathRandom = new SeededRandom(seed * 1000 + d);
    const mid = midPath(price, sigmaStep, pathRandom);
    price = mid[STEPS_PER_DAY];
    for (const dataType of dataTypes) {
      const context: DayContext = {
        day,
        exchange,
        symbol,
        mid,
        sigmaStep,
        tick,
        decimals,
        random: new SeededRandom(seed * 1000 + d + 7919 * (dataTypes.indexOf(dataType) + 1)),
      };
      const path = `${options.dir.replace(/\/+$/, "")}/${
        tardisCacheFileName({ exchange, dataType, date: day.iso, symbol })
      }`;
      const counter = { rows: 0 };
      await writeGzipTextAtomic(
        path,
        chunked(generators[dataType](context, options, tradesPerDay), dataType, counter),
        options.compressionLevel ?? 3,
      );
      files.push({ dataType, date: day.iso, path, rows: counter.rows });
    }
  }
  return files;
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name}: expected a positive integer, got ${value}.`);
  }
}

function* chunked(
  lines: Iterable<string>,
  dataType: SampleDataType,
  counter: { rows: number },
): Generator<string> {
  let batch: string[] = [TARDIS_HEADERS[dataType].join(",")];
  for (const line of lines) {
    batch.push(line);
    counter.rows++;
    if (batch.length >= LINES_PER_CHUNK) {
      yield batch.join("\n") + "\n";
      batch = [];
    }
  }
  if (batch.length > 0) yield batch.join("\n") + "\n";
}

function midPath(start: number, sigmaStep: number, random: SeededRandom): Float64Array {
  const mid = new Float64Array(STEPS_PER_DAY + 1);
  mid[0] = start;
  let drift = 0;
  for (let k = 1; k <= STEPS_PER_DAY; k++) {
    if (k % 3000 === 0) drift = 0.01 * sigmaStep * random.normal();
    mid[k] = mid[k - 1] * Math.exp(drift + sigmaStep * random.normal());
  }
  return mid;
}

function formatTicks(ticks: number, decimals: number): string {
  return String(ticks / 10 ** decimals);
}

function priceTicks(price: number, context: DayContext): number {
  return Math.floor(price / context.tick + 1e-9) *
    Math.round(context.tick * 10 ** context.decimals);
}

function futureLean(context: DayContext, step: number, horizon: number): number {
  const mid = context.mid;
  const ahead = Math.min(step + horizon, STEPS_PER_DAY);
  const move = Math.log(mid[ahead] / mid[step]);
  return Math.tanh(move / (context.sigmaStep * Math.sqrt(horizon)));
}

function stepOf(ms: number): number {
  return Math.min(Math.floor(ms / GRID_MS), STEPS_PER_DAY);
}

function lots(random: SeededRandom, mu: number, sigma: number): number {
  return Math.max(1, Math.round(Math.exp(mu + sigma * random.normal())));
}

type Generator_ = (
  context: DayContext,
  options: SampleDatasetsOptions,
  tradesPerDay: number,
) => Iterable<string>;

function* tradeLines(context: DayContext, _: SampleDatasetsOptions, count: number) {
  const { random, day, decimals } = context;
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = Math.floor(random.next() * 86_400_000);
  times.sort();
  const prefix = `${context.exchange},${context.symbol},`;
  const tickUnits = Math.round(context.tick * 10 ** decimals);
  let id = 1_000_000_000 + Math.floor(random.next() * 1e9);
  let lastLocal = 0;
  for (let i = 0; i < count; i++) {
    const step = stepOf(times[i]);
    const lean = futureLean(context, step, 10);
    const buy = random.next() < 0.5 + 0.3 * lean;
    const bid = priceTicks(context.mid[step], context);
    const price = buy ? bid + tickUnits : bid;
    const timestamp = day.startUs + times[i] * 1000;
    const local = Math.max(lastLocal, timestamp + 1500 + Math.floor(random.next() * 4000));
    lastLocal = local;
    const amount = lots(random, 2, 1.4) / 1000;
    yield `${prefix}${timestamp},${local},${id++},${buy ? "buy" : "sell"},${
      formatTicks(price, decimals)
    },${amount}`;
  }
}

function* bookSnapshotLines(context: DayContext, options: SampleDatasetsOptions) {
  const { random, day, decimals } = context;
  const interval = options.snapshotIntervalMs ?? 1000;
  const tickUnits = Math.round(context.tick * 10 ** decimals);
  const prefix = `${context.exchange},${context.symbol},`;
  const prices = new Map<number, string>();
  const price = (ticks: number) => {
    let text = prices.get(ticks);
    if (text === undefined) {
      text = formatTicks(ticks, decimals);
      prices.set(ticks, text);
    }
    return text;
  };
  const amounts: string[] = [];
  const amount = (lots: number) => {
    const units = Math.max(1, Math.round(lots));
    return amounts[units] ??= String(units / 1000);
  };
  const cells: string[] = new Array(100);
  for (let ms = 0; ms < 86_400_000; ms += interval) {
    const step = stepOf(ms);
    const lean = 0.35 * futureLean(context, step, 20);
    const bid = priceTicks(context.mid[step], context);
    for (let level = 0; level < 25; level++) {
      const depth = 1 + level * 0.15;
      cells[level * 4] = price(bid + (level + 1) * tickUnits);
      cells[level * 4 + 1] = amount(lots(random, 5, 0.8) * depth * (1 - lean));
      cells[level * 4 + 2] = price(bid - level * tickUnits);
      cells[level * 4 + 3] = amount(lots(random, 5, 0.8) * depth * (1 + lean));
    }
    const timestamp = day.startUs + ms * 1000;
    const local = timestamp + 2000 + Math.floor(random.next() * 3000);
    yield `${prefix}${timestamp},${local},${cells.join(",")}`;
  }
}

function* quoteLines(context: DayContext, options: SampleDatasetsOptions) {
  const { random, day, decimals } = context;
  const interval = options.quoteIntervalMs ?? 1000;
  const tickUnits = Math.round(context.tick * 10 ** decimals);
  const prefix = `${context.exchange},${context.symbol},`;
  for (let ms = 0; ms < 86_400_000; ms += interval) {
    const step = stepOf(ms);
    const lean = 0.35 * futureLean(context, step, 20);
    const bid = priceTicks(context.mid[step], context);
    const askAmount = Math.max(1, Math.round(lots(random, 5, 0.8) * (1 - lean))) / 1000;
    const bidAmount = Math.max(1, Math.round(lots(random, 5, 0.8) * (1 + lean))) / 1000;
    const timestamp = day.startUs + ms * 1000;
    const local = timestamp + 2000 + Math.floor(random.next() * 3000);
    yield `${prefix}${timestamp},${local},${askAmount},${formatTicks(bid + tickUnits, decimals)},${
      formatTicks(bid, decimals)
    },${bidAmount}`;
  }
}

function* derivativeTickerLines(context: DayContext, options: SampleDatasetsOptions) {
  const { random, day } = context;
  const interval = options.tickerIntervalMs ?? 5000;
  const prefix = `${context.exchange},${context.symbol},`;
  let funding = 0.0001 + 0.00005 * random.normal();
  let openInterest = 80_000 + 5_000 * random.next();
  for (let ms = 0; ms < 86_400_000; ms += interval) {
    const step = stepOf(ms);
    const mid = context.mid[step];
    funding = 0.999 * funding + 0.001 * 0.0001 + 0.000003 * random.normal();
    openInterest = Math.max(1000, openInterest * (1 + 0.0005 * random.normal()));
    const timestamp = day.startUs + ms * 1000;
    const fundingTimestamp = (Math.floor(timestamp / FUNDING_PERIOD_US) + 1) * FUNDING_PERIOD_US;
    const index = mid * (1 + 0.00005 * random.normal());
    const mark = index * (1 + funding);
    const last = formatTicks(priceTicks(mid, context), context.decimals);
    const local = timestamp + 2000 + Math.floor(random.next() * 3000);
    yield `${prefix}${timestamp},${local},${fundingTimestamp},${round(funding, 8)},,${
      round(openInterest, 3)
    },${last},${round(index, 2)},${round(mark, 2)}`;
  }
}

function* incrementalBookLines(context: DayContext, options: SampleDatasetsOptions) {
  const { random, day, decimals } = context;
  const interval = options.l2IntervalMs ?? 10_000;
  const tickUnits = Math.round(context.tick * 10 ** decimals);
  const prefix = `${context.exchange},${context.symbol},`;
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  const levels = 25;
  for (let ms = 0; ms < 86_400_000; ms += interval) {
    const timestamp = day.startUs + ms * 1000;
    const local = timestamp + 2000 + Math.floor(random.next() * 3000);
    const head = `${prefix}${timestamp},${local},`;
    const bid = priceTicks(context.mid[stepOf(ms)], context);
    const ask = bid + tickUnits;
    const rows: string[] = [];
    const emit = (snapshot: boolean, side: string, price: number, amount: number) =>
      rows.push(`${head}${snapshot},${side},${formatTicks(price, decimals)},${amount}`);
    const snapshot = ms === 0;
    for (
      const [book, side, best, dir] of [[bids, "bid", bid, -1], [asks, "ask", ask, 1]] as const
    ) {
      for (const price of [...book.keys()]) {
        const outside = dir < 0 ? price > best : price < best;
        const tooDeep = Math.abs(price - best) > 2 * levels * tickUnits;
        if (outside || tooDeep) {
          book.delete(price);
          emit(false, side, price, 0);
        }
      }
      for (let level = 0; level < levels; level++) {
        const price = best + dir * level * tickUnits;
        if (!book.has(price)) {
          const amount = lots(random, 5, 0.8) / 1000;
          book.set(price, amount);
          emit(snapshot, side, price, amount);
        }
      }
      for (let change = 0; change < (snapshot ? 0 : 2); change++) {
        const price = best + dir * Math.floor(random.next() * levels) * tickUnits;
        const amount = lots(random, 5, 0.8) / 1000;
        book.set(price, amount);
        emit(false, side, price, amount);
      }
    }
    yield* rows;
  }
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

const generators: Record<SampleDataType, Generator_> = {
  trades: tradeLines,
  book_snapshot_25: bookSnapshotLines,
  derivative_ticker: derivativeTickerLines,
  quotes: quoteLines,
  incremental_book_L2: incrementalBookLines,
};
