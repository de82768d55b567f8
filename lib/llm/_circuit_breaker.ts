/**
 * Per-model circuit breaker: opens after `threshold` consecutive failures, refuses calls for
 * `cooldownMs`, then lets one probe through (half-open); the probe's success closes it, its
 * failure opens it again for another cool-down.
 */
export class CircuitBreaker {
  readonly threshold: number;
  readonly cooldownMs: number;
  #failures = 0;
  #openedAt = -Infinity;
  #state: "closed" | "open" | "half-open" = "closed";
  #probing = false;

  constructor(threshold: number, cooldownMs: number) {
    this.threshold = threshold;
    this.cooldownMs = cooldownMs;
  }

  /** Current state, moving from open to half-open once the cool-down has passed. */
  state(now: number = performance.now()): "closed" | "open" | "half-open" {
    if (this.#state === "open" && now - this.#openedAt >= this.cooldownMs) {
      this.#state = "half-open";
      this.#probing = false;
    }
    return this.#state;
  }

  /** Whether a request may go out now; in half-open state only one probe at a time. */
  tryAcquire(now: number = performance.now()): boolean {
    const s = this.state(now);
    if (s === "closed") return true;
    if (s === "half-open" && !this.#probing) {
      this.#probing = true;
      return true;
    }
    return false;
  }

  /** Milliseconds until the breaker lets a probe through (0 when closed). */
  retryInMs(now: number = performance.now()): number {
    return this.#state === "open" ? Math.max(0, this.cooldownMs - (now - this.#openedAt)) : 0;
  }

  /** The request let through was cancelled by the caller: it proves nothing either way. */
  cancelProbe(): void {
    this.#probing = false;
  }

  onSuccess(): void {
    this.#failures = 0;
    this.#state = "closed";
    this.#probing = false;
  }

  onFailure(now: number = performance.now()): void {
    this.#failures++;
    if (this.#state === "half-open" || this.#failures >= this.threshold) {
      this.#state = "open";
      this.#openedAt = now;
      this.#probing = false;
    }
  }
}
