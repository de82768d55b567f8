const _ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses an ISO-8601 date or date-time into epoch microseconds UTC, keeping sub-millisecond
 * digits (`Date.parse` drops them). Accepts `YYYY-MM-DD`, a `T` or space separator,
 * optional seconds and fraction, and `Z` or a `±HH:MM` offset; no offset means UTC.
 *
 * @example
 * ```ts
 * import { parseDateToMicros } from "@quantbook/sdk/series";
 * parseDateToMicros("2024-03-01"); // 1709251200000000
 * parseDateToMicros("2024-03-01T00:00:00.000123Z"); // 1709251200000123
 * ```
 */
export function parseDateToMicros(s: string): number {
  const m = _ISO.exec(s.trim());
  if (!m) {
    throw new RangeError(
      `"${s}" is not an ISO date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.ffffff][Z|±HH:MM]`,
    );
  }
  const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "", tz] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec);
  const check = new Date(ms);
  if (
    check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 ||
    +sec > 59
  ) {
    throw new RangeError(`"${s}" is not a valid calendar date-time`);
  }
  let offsetMin = 0;
  if (tz && tz.toUpperCase() !== "Z") {
    const digits = tz.replace(":", "");
    offsetMin = (digits[0] === "-" ? -1 : 1) * (+digits.slice(1, 3) * 60 + +digits.slice(3, 5));
  }
  const micros = frac ? Math.floor(Number((frac + "000000").slice(0, 6))) : 0;
  return (ms - offsetMin * 60_000) * 1000 + micros;
}

/**
 * Converts a `Date` or an ISO string to epoch microseconds UTC.
 *
 * @example
 * ```ts
 * import { toMicros } from "@quantbook/sdk/series";
 * toMicros(new Date(Date.UTC(2024, 0, 1))); // 1704067200000000
 * ```
 */
export function toMicros(t: Date | string): number {
  if (t instanceof Date) {
    const ms = t.getTime();
    if (Number.isNaN(ms)) throw new RangeError("invalid Date (getTime() is NaN)");
    return ms * 1000;
  }
  return parseDateToMicros(t);
}

/**
 * Formats epoch microseconds as an ISO-8601 UTC string with microsecond precision.
 *
 * @example
 * ```ts
 * import { microsToIso } from "@quantbook/sdk/series";
 * microsToIso(1709251200000123); // "2024-03-01T00:00:00.000123Z"
 * ```
 */
export function microsToIso(us: number): string {
  const ms = Math.floor(us / 1000);
  const rest = Math.round(us - ms * 1000);
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}${String(rest).padStart(3, "0")}Z`;
}
