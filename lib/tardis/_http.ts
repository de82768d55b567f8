/** HTTP helpers shared by dataset downloads and metadata calls: errors, Retry-After, sleep. */
import { TardisError } from "./tardis_error.ts";

/** Statuses the official clients never retry. */
export const NO_RETRY_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404]);

/** Seconds from a `Retry-After` header (seconds or HTTP date), undefined when absent/invalid. */
export function retryAfterSeconds(header: string | null, nowMs = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - nowMs) / 1000);
}

/** Human-readable duration: `45 s`, `12 min`, `3.5 h`. */
export function formatWait(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Builds the error for a non-2xx answer, reading Tardis' JSON `{code, message}` body. */
export async function httpError(
  response: Response,
  url: string,
  what: string,
): Promise<TardisError> {
  let code: number | undefined;
  let serverMessage = "";
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text);
    if (body && typeof body === "object") {
      if (typeof body.code === "number") code = body.code;
      if (typeof body.message === "string") serverMessage = body.message;
    }
  } catch {
    serverMessage = text.slice(0, 200);
  }
  const status = response.status;
  const retryAfter = retryAfterSeconds(response.headers.get("retry-after"));
  const said = serverMessage ? ` Tardis says: "${serverMessage}".` : "";
  let hint: string;
  if (status === 401) {
    hint = "An API key is needed for this day: pass apiKey (Bearer). Without a key only the " +
      "first day of each month is free.";
  } else if (status === 403) {
    hint = "The API key has no access to this exchange, data type or date range (check your " +
      "plan with fetchApiKeyInfo).";
  } else if (status === 404) {
    hint = "No such dataset: check the exchange id (e.g. binance-futures, okex-swap; there is " +
      "no okx), the data type, the symbol and that the date is within the exchange's range.";
  } else if (status === 429) {
    hint = retryAfter === undefined
      ? "Rate limited by Tardis."
      : `Rate limited by Tardis: retry after ${formatWait(retryAfter)}.`;
  } else {
    hint = `HTTP ${status} ${response.statusText}.`;
  }
  return new TardisError(`${what} failed with HTTP ${status} for ${url}. ${hint}${said}`, {
    status,
    code,
    url,
    retryAfterSeconds: retryAfter,
  });
}

/** Waits `ms`, rejecting at once when `signal` aborts; leaves no timer behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `Authorization` header for a key (empty when no key). */
export function authHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}

/** Removes every occurrence of the key from a message, in case a server echoed it. */
export function redactKey(message: string, apiKey: string | undefined): string {
  return apiKey ? message.split(apiKey).join("***") : message;
}
