const DAY_US = 86_400e6;

/**
 * Median of the consecutive differences of `t` (0 when fewer than two values); on long
 * series, of 10,001 differences taken at an even stride, which keeps it O(n) in practice.
 */
function medianSpacing(t: Float64Array): number {
  const d: number[] = [];
  const step = Math.max(1, Math.floor((t.length - 1) / 10_000));
  for (let i = 1; i < t.length; i += step) {
    const v = t[i] - t[i - 1];
    if (v === v) d.push(v);
  }
  if (d.length === 0) return 0;
  d.sort((a, b) => a - b);
  const m = d.length >> 1;
  return d.length % 2 ? d[m] : (d[m - 1] + d[m]) / 2;
}

/** Share of timestamps (epoch µs) falling on a Saturday or Sunday (UTC). */
function weekendShare(t: Float64Array): number {
  if (t.length === 0) return 0;
  let k = 0;
  for (let i = 0; i < t.length; i++) {
    const dow = ((Math.floor(t[i] / DAY_US) + 4) % 7 + 7) % 7; // 1970-01-01 was a Thursday
    if (dow === 0 || dow === 6) k++;
  }
  return k / t.length;
}

/**
 * quantbook's bars-per-year inference from epoch-µs timestamps: daily bars give 252 without
 * weekend bars (share of weekend bars <= 2/7 * 0.6, backtesting.py's threshold) or 365 with
 * them; weekly 52; monthly 12; yearly 1; intraday 365.25 days / median spacing.
 */
export function inferBarsPerYear(t: Float64Array): number {
  const dt = medianSpacing(t);
  if (!(dt > 0)) return NaN;
  const days = dt / DAY_US;
  if (days >= 0.9 && days <= 1.1) return weekendShare(t) > 2 / 7 * 0.6 ? 365 : 252;
  if (days >= 6 && days <= 8) return 52;
  if (days >= 27 && days <= 32) return 12;
  if (days >= 360 && days <= 370) return 1;
  return 365.25 * DAY_US / dt;
}

/** Calendar bucket (UTC) of an epoch-µs time for backtesting.py's resampling rule. */
function bucket(us: number, freqDays: number): number {
  const day = Math.floor(us / DAY_US);
  if (freqDays === 7) return Math.floor((day + 3) / 7); // weeks ending on Sunday
  if (freqDays === 31 || freqDays === 365) {
    const d = new Date(day * 86_400_000);
    return freqDays === 31 ? d.getUTCFullYear() * 12 + d.getUTCMonth() : d.getUTCFullYear();
  }
  return day;
}

/**
 * backtesting.py's period returns: equity resampled to the last value per day (per week,
 * month or year for such data), then percentage changes (the leading NaN dropped).
 * Also returns its periods per year (252, 365, 52, 12 or 1).
 */
export function btpyPeriodReturns(
  equity: Float64Array,
  t: Float64Array,
): { returns: Float64Array; periodsPerYear: number } {
  const tail = t.length > 100 ? t.subarray(t.length - 100) : t;
  const freqDays = Math.floor(medianSpacing(tail) / DAY_US);
  const periodsPerYear = freqDays === 7
    ? 52
    : freqDays === 31
    ? 12
    : freqDays === 365
    ? 1
    : weekendShare(t) > 2 / 7 * 0.6
    ? 365
    : 252;
  const last: number[] = [];
  let current = NaN;
  for (let i = 0; i < equity.length; i++) {
    const b = bucket(t[i], freqDays === 7 || freqDays === 31 || freqDays === 365 ? freqDays : 1);
    if (b !== current || last.length === 0) {
      last.push(equity[i]);
      current = b;
    } else {
      last[last.length - 1] = equity[i];
    }
  }
  const returns = new Float64Array(Math.max(0, last.length - 1));
  for (let k = 1; k < last.length; k++) returns[k - 1] = last[k] / last[k - 1] - 1;
  return { returns, periodsPerYear };
}
