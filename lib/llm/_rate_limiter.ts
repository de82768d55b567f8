import { sleep } from "./_sleep.ts";

/** Limits of the adaptive token bucket (`Infinity` = no limit). */
export interface RateLimits {
  requestsPerMinute: number;
  tokensPerMinute: number;
}

/** Fraction of the nominal rate regained per minute of successes after a 429. */
const RECOVERY_PER_MINUTE = 0.5;

/**
 * Two token buckets (requests and tokens per minute) holding at most 10 seconds' worth of
 * budget, served first come, first served (a large request is not starved by small ones).
 * After a 429 the rate is halved (at most once a second, down to 10% of the nominal rate);
 * successes then bring it back by half the nominal rate per minute (from 50% to full in a
 * minute, whatever the request rate), so the limiter backs off fast and comes back slowly.
 */
export class AdaptiveRateLimiter {
  readonly limits: RateLimits;
  #factor = 1;
  #adjustedAt: number;
  #cutAt = -Infinity;
  #requests: number;
  #tokens: number;
  #last: number;
  /** Settles when the last caller in line has been served (or has given up). */
  #line: Promise<void> = Promise.resolve();

  constructor(limits: RateLimits, now: number = performance.now()) {
    this.limits = limits;
    this.#requests = this.#capacity(limits.requestsPerMinute);
    this.#tokens = this.#capacity(limits.tokensPerMinute);
    this.#last = now;
    this.#adjustedAt = now;
  }

  /** Current fraction of the nominal rate (1 = full speed). */
  get factor(): number {
    return this.#factor;
  }

  /**
   * Waits for its turn (callers are served in call order), then until one request and
   * `tokens` estimated tokens fit, and takes them. Rejects with the signal's reason on abort.
   */
  async acquire(tokens: number, signal?: AbortSignal): Promise<void> {
    const before = this.#line;
    let served!: () => void;
    this.#line = new Promise((resolve) => (served = resolve));
    try {
      await untilSettledOrAborted(before, signal);
      await this.#take(tokens, signal);
    } finally {
      // The next caller goes once both this caller and everyone before it are done.
      before.then(served);
    }
  }

  async #take(tokens: number, signal?: AbortSignal): Promise<void> {
    while (true) {
      this.#refill(performance.now());
      const needTokens = Math.min(tokens, this.#capacity(this.limits.tokensPerMinute));
      const waitReq = this.#wait(1 - this.#requests, this.limits.requestsPerMinute);
      const waitTok = this.#wait(needTokens - this.#tokens, this.limits.tokensPerMinute);
      const wait = Math.max(waitReq, waitTok);
      if (wait <= 0) {
        this.#requests -= 1;
        this.#tokens -= tokens;
        return;
      }
      await sleep(Math.ceil(wait), signal);
    }
  }

  /** Corrects the token budget once the real usage is known (may go into debt). */
  settle(estimatedTokens: number, actualTokens: number): void {
    if (Number.isFinite(this.limits.tokensPerMinute)) {
      this.#tokens += estimatedTokens - actualTokens;
    }
  }

  /**
   * A 429 came back: halve the rate, at most once a second (the 429s of requests that were
   * in flight together answer one burst, not several).
   */
  onThrottled(now: number = performance.now()): void {
    if (now - this.#cutAt < 1_000) return;
    this.#cutAt = now;
    this.#factor = Math.max(0.1, this.#factor / 2);
    this.#adjustedAt = now;
  }

  /** A request succeeded: regain the rate earned since the last adjustment. */
  onSuccess(now: number = performance.now()): void {
    if (this.#factor < 1) {
      const regained = RECOVERY_PER_MINUTE * (now - this.#adjustedAt) / 60_000;
      this.#factor = Math.min(1, this.#factor + Math.max(0, regained));
    }
    this.#adjustedAt = now;
  }

  #capacity(perMinute: number): number {
    return Number.isFinite(perMinute) ? Math.max(1, perMinute / 6) : Infinity;
  }

  #wait(deficit: number, perMinute: number): number {
    if (deficit <= 0 || !Number.isFinite(perMinute)) return 0;
    return deficit / (perMinute * this.#factor / 60_000);
  }

  #refill(now: number): void {
    const dt = now - this.#last;
    this.#last = now;
    const { requestsPerMinute: rpm, tokensPerMinute: tpm } = this.limits;
    if (Number.isFinite(rpm)) {
      this.#requests = Math.min(
        this.#capacity(rpm),
        this.#requests + dt * rpm * this.#factor / 60_000,
      );
    }
    if (Number.isFinite(tpm)) {
      this.#tokens = Math.min(this.#capacity(tpm), this.#tokens + dt * tpm * this.#factor / 60_000);
    }
  }
}

/** Resolves when `promise` does, or rejects with the signal's reason if it aborts first. */
function untilSettledOrAborted(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}
