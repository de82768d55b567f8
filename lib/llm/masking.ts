/**
 * Options of {@linkcode maskText}.
 *
 * @example
 * ```ts
 * import type { MaskOptions } from "@quantbook/sdk/llm";
 * const m: MaskOptions = { names: ["Acme Corp", "ACME"], dates: true };
 * ```
 */
export interface MaskOptions {
  /** Entity names to hide (tickers, company and person names); longest first. */
  names?: readonly string[];
  /** Replace dates (ISO, `Mar 10, 2023`, `10 March 2023`, month-year, years 1990-2039). Default true. */
  dates?: boolean;
}

const MONTH =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const DATE_PATTERNS = [
  /\b\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?\b/g,
  new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`, "gi"),
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\s+\\d{4}\\b`, "gi"),
  new RegExp(`\\b${MONTH}\\s+\\d{4}\\b`, "gi"),
  /\b(?:Q[1-4]\s+)?(?:199\d|20[0-3]\d)\b/g,
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces entity names with neutral placeholders (`Entity A`, `Entity B`, ...) and dates
 * with `[DATE]`, so a model is less able to recognise a historical event it saw in
 * training. This is a mitigation of look-ahead bias, not a guarantee: the story itself can
 * still give the event away.
 *
 * @example
 * ```ts
 * import { maskText } from "@quantbook/sdk/llm";
 * maskText("ACME misses on 2023-03-10", { names: ["ACME"] }); // "Entity A misses on [DATE]"
 * ```
 */
export function maskText(text: string, options: MaskOptions = {}): string {
  let out = text;
  const names = [...new Set(options.names ?? [])].filter((n) => n.trim() !== "")
    .sort((a, b) => b.length - a.length);
  names.forEach((name, i) => {
    const label = `Entity ${String.fromCharCode(65 + (i % 26))}${
      i >= 26 ? Math.floor(i / 26) : ""
    }`;
    out = out.replace(new RegExp(`(?<![\\w])${escapeRegExp(name)}(?![\\w])`, "gi"), label);
  });
  if (options.dates ?? true) {
    for (const pattern of DATE_PATTERNS) out = out.replace(pattern, "[DATE]");
  }
  return out;
}
