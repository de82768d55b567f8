/**
 * One side of an order book as a sorted array keyed so that the best level is last
 * (bids by price, asks by negated price): updates near the top move few elements.
 */
export class BookSide {
  #keys = new Float64Array(64);
  #amounts = new Float64Array(64);
  #size = 0;
  readonly #sign: number;

  /** `bid` keeps the highest price best, `ask` the lowest. */
  constructor(side: "bid" | "ask") {
    this.#sign = side === "bid" ? 1 : -1;
  }

  /** Number of price levels. */
  get size(): number {
    return this.#size;
  }

  /** Removes every level. */
  clear(): void {
    this.#size = 0;
  }

  /** Sets the absolute amount at `price`; 0 deletes the level. */
  set(price: number, amount: number): void {
    const key = price * this.#sign;
    const keys = this.#keys;
    let lo = 0;
    let hi = this.#size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    const found = lo < this.#size && keys[lo] === key;
    if (amount === 0) {
      if (found) {
        keys.copyWithin(lo, lo + 1, this.#size);
        this.#amounts.copyWithin(lo, lo + 1, this.#size);
        this.#size--;
      }
      return;
    }
    if (found) {
      this.#amounts[lo] = amount;
      return;
    }
    if (this.#size === keys.length) this.#grow();
    this.#keys.copyWithin(lo + 1, lo, this.#size);
    this.#amounts.copyWithin(lo + 1, lo, this.#size);
    this.#keys[lo] = key;
    this.#amounts[lo] = amount;
    this.#size++;
  }

  /** Price of the level `depth` from the top (0 = best), NaN when absent. */
  price(depth: number): number {
    const i = this.#size - 1 - depth;
    return i >= 0 ? this.#keys[i] * this.#sign : NaN;
  }

  /** Amount of the level `depth` from the top, NaN when absent. */
  amount(depth: number): number {
    const i = this.#size - 1 - depth;
    return i >= 0 ? this.#amounts[i] : NaN;
  }

  #grow(): void {
    const keys = new Float64Array(this.#keys.length * 2);
    keys.set(this.#keys);
    const amounts = new Float64Array(this.#amounts.length * 2);
    amounts.set(this.#amounts);
    this.#keys = keys;
    this.#amounts = amounts;
  }
}
