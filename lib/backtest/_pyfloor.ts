/**
 * Python's float floor division `x // y` (CPython's float_floor_div), bit-for-bit: it can
 * differ from `Math.floor(x / y)` when `x / y` rounds up to an integer. backtesting.py sizes
 * orders with it, so its conventions need the same rounding.
 */
export function pyFloorDiv(x: number, y: number): number {
  const mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0 && (y < 0) !== (mod < 0)) div -= 1;
  if (div === 0) return 0;
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return floordiv;
}
