/** UTC day handling for dataset dates. */

/** A UTC calendar day. */
export interface UtcDay {
  year: number;
  month: number;
  day: number;
  /** `YYYY-MM-DD`. */
  iso: string;
  /** Midnight UTC in epoch microseconds. */
  startUs: number;
}

const DAY_MS = 86_400_000;

/** Parses `"YYYY-MM-DD"` (or a full ISO string, or a Date) to its UTC day. */
export function toUtcDay(date: string | Date, argument = "date"): UtcDay {
  let ms: number;
  if (date instanceof Date) {
    ms = date.getTime();
  } else if (typeof date === "string" && /^\d{4}-\d{2}-\d{2}/.test(date)) {
    ms = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
    const [y, m, d] = date.slice(0, 10).split("-").map(Number);
    if (!Number.isNaN(ms) && date.length === 10) {
      const check = new Date(ms);
      if (
        check.getUTCFullYear() !== y || check.getUTCMonth() + 1 !== m || check.getUTCDate() !== d
      ) {
        ms = NaN;
      }
    }
  } else {
    ms = NaN;
  }
  if (!Number.isFinite(ms)) {
    throw new RangeError(
      `${argument}: ${JSON.stringify(String(date))} is not a valid date; use "YYYY-MM-DD" ` +
        `(UTC) or a Date.`,
    );
  }
  const dayMs = Math.floor(ms / DAY_MS) * DAY_MS;
  const d = new Date(dayMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    iso: d.toISOString().slice(0, 10),
    startUs: dayMs * 1000,
  };
}

/** Every UTC day in `[from, to)`; `to` is exclusive like the official clients. */
export function utcDaysBetween(from: UtcDay, to: UtcDay): UtcDay[] {
  const days: UtcDay[] = [];
  for (let us = from.startUs; us < to.startUs; us += DAY_MS * 1000) {
    days.push(toUtcDay(new Date(us / 1000)));
  }
  return days;
}
