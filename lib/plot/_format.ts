/**
 * Formats a number for a table cell with `digits` decimals; integers are written without
 * decimals when `integersAsIs` (the default), e.g. in an all-integer column.
 */
export function formatNumber(v: number, digits: number, integersAsIs = true): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (integersAsIs && Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const abs = Math.abs(v);
  if (abs >= 1e12 || (abs < 10 ** -digits && abs > 0)) return v.toExponential(Math.max(1, digits));
  return v.toFixed(digits);
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
let cachedDay = NaN;
let cachedDayText = "";

/**
 * Epoch microseconds -> `YYYY-MM-DD HH:MM:SS` UTC, with `.mmm` milliseconds or `.uuuuuu`
 * microseconds when they are not zero; `NaT` when not finite. Fast on long series: the
 * date part is formatted once per day, the time of day by arithmetic.
 */
export function formatMicros(us: number): string {
  if (!Number.isFinite(us)) return "NaT";
  const ms = Math.floor(us / 1000);
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayText = new Date(day).toISOString().slice(0, 10);
  }
  let rest = ms - day;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const micros = Math.round(us - ms * 1000);
  const text = `${cachedDayText} ${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${
    TWO_DIGITS[seconds]
  }`;
  if (millis === 0 && micros === 0) return text;
  const fraction = `.${String(millis).padStart(3, "0")}`;
  return micros === 0 ? text + fraction : text + fraction + String(micros).padStart(3, "0");
}

/** `totalReturnPct` -> `total return %`, `maxDrawdownBars` -> `max drawdown bars`. */
export function humanizeKey(key: string): string {
  return key
    .replace(/Pct$/, " %")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

/** Whether a column holds epoch-microsecond times, judged from its name. */
export function isTimeColumn(name: string): boolean {
  return /(^|_)timestamp$|^time$|_time$|^date$/i.test(name) || /[a-z](Time|At)$/.test(name);
}
