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

/**
 * Epoch microseconds -> `YYYY-MM-DD HH:MM:SS` UTC, with `.mmm` milliseconds or `.uuuuuu`
 * microseconds when they are not zero; `NaT` when not finite.
 */
export function formatMicros(us: number): string {
  if (!Number.isFinite(us)) return "NaT";
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString();
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  const micros = Math.round(us - ms * 1000);
  if (micros !== 0) return text + String(micros).padStart(3, "0");
  return text.endsWith(".000") ? text.slice(0, -4) : text;
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
