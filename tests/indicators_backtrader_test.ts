/**
 * Cross-check against an independent library: backtrader's own indicator tests
 * (mementum/backtrader tests/test_ind_*.py) print each indicator at three bars of its
 * sample file 2006-day-001.txt (the last bar, the first valid bar and the bar halfway back)
 * with 6 decimals. The same file is in the workplace's shared reference data; the test is
 * skipped where that folder does not exist (it is not shipped with the project).
 */
import assert from "node:assert/strict";
import { atr, bollinger, ema, macd, rsi, sma, stochastic, wma } from "../lib/factors/mod.ts";

const file = new URL("../../shared/reference-data/backtrader-2006-day-001.txt", import.meta.url);
const available = (() => {
  try {
    return Deno.statSync(file).isFile;
  } catch {
    return false;
  }
})();

function loadBars(): { high: Float64Array; low: Float64Array; close: Float64Array } {
  const rows = Deno.readTextFileSync(file).trim().split("\n").slice(1).map((line) =>
    line.split(",")
  );
  const column = (k: number) => Float64Array.from(rows, (row) => Number(row[k]));
  return { high: column(2), low: column(3), close: column(4) };
}

/** backtrader's check points for an indicator whose first value is at bar `minPeriod`. */
function checkPoints(length: number, minPeriod: number): number[] {
  return [length - 1, minPeriod - 1, length - 1 + Math.floor((minPeriod - length) / 2)];
}

function assertAt(line: Float64Array, minPeriod: number, expected: string[], label: string) {
  const got = checkPoints(line.length, minPeriod).map((i) => line[i].toFixed(6));
  assert.deepEqual(got, expected, label);
}

Deno.test({
  name: "indicators match backtrader's published values on 2006-day-001",
  ignore: !available,
  fn() {
    const { high, low, close } = loadBars();
    assert.equal(close.length, 255);
    assertAt(sma(close, 30), 30, ["4063.463000", "3644.444667", "3554.693333"], "sma");
    assertAt(ema(close, 30), 30, ["4070.115719", "3644.444667", "3581.728712"], "ema");
    assertAt(wma(close, 30), 30, ["4076.212366", "3655.193634", "3576.228000"], "wma");
    assertAt(rsi(close, 14), 15, ["57.644284", "41.630968", "53.352553"], "rsi");
    assertAt(atr(high, low, close, 14), 15, ["35.866308", "34.264286", "54.329064"], "atr");
    const bands = bollinger(close, 20, 2);
    assertAt(bands.middle, 20, ["4065.884000", "3621.185000", "3582.895500"], "bb middle");
    assertAt(bands.upper, 20, ["4190.782310", "3712.008864", "3709.453081"], "bb upper");
    assertAt(bands.lower, 20, ["3940.985690", "3530.361136", "3456.337919"], "bb lower");
    const lines = macd(close, 12, 26, 9);
    assertAt(lines.macd, 34, ["25.821368", "32.469404", "1.772445"], "macd");
    assertAt(lines.signal, 34, ["21.977853", "26.469735", "-2.845646"], "macd signal");
    assertAt(lines.histogram, 34, ["3.843516", "5.999669", "4.618090"], "macd histogram");
    const stoch = stochastic(high, low, close, 14, 3, 3);
    assertAt(stoch.k, 18, ["88.667626", "21.409626", "63.796187"], "stochastic k");
    assertAt(stoch.d, 18, ["82.845850", "15.710059", "77.642219"], "stochastic d");
  },
});
