/**
 * Compares lib/series and lib/factors with the pandas/numpy reference values written by
 * tests/fixtures/gen_reference.py (tests/fixtures/reference.json): relative tolerance 1e-9
 * (with an absolute floor of 1e-12 x the case's largest magnitude, for values that cancel to
 * ~0), and NaN positions must match exactly.
 */
import assert from "node:assert/strict";
import * as series from "../lib/series/mod.ts";
import * as factors from "../lib/factors/mod.ts";

type Value = number | string | null | Value[] | { [key: string]: Value };
type Output = Float64Array | Record<string, Float64Array>;
type Fn = (...args: unknown[]) => Output;

interface ReferenceCase {
  fn: string;
  args: Value[];
  opts: Record<string, Value>;
  expected: (number | null)[] | Record<string, (number | null)[]>;
}

interface Reference {
  inputs: Record<string, (number | null)[] | string[]>;
  cases: ReferenceCase[];
}

const RELATIVE = 1e-9;
const FLOOR = 1e-12;

const reference: Reference = JSON.parse(
  await Deno.readTextFile(new URL("./fixtures/reference.json", import.meta.url)),
);

const inputs: Record<string, Float64Array | string[]> = {};
for (const [name, values] of Object.entries(reference.inputs)) {
  inputs[name] = typeof values[0] === "string"
    ? values as string[]
    : Float64Array.from(values as (number | null)[], (v) => v ?? NaN);
}

const registry = { ...series, ...factors } as unknown as Record<string, Fn>;

function resolve(v: Value): unknown {
  if (typeof v === "string" && v.startsWith("$")) {
    const input = inputs[v.slice(1)];
    assert.ok(input, `fixture refers to a missing input ${v}`);
    return input;
  }
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
  }
  return v;
}

function mismatches(label: string, actual: Float64Array, expected: (number | null)[]): string[] {
  if (actual.length !== expected.length) {
    return [`${label}: length ${actual.length}, expected ${expected.length}`];
  }
  let scale = 0;
  for (const e of expected) if (e !== null) scale = Math.max(scale, Math.abs(e));
  const problems: string[] = [];
  for (let i = 0; i < expected.length && problems.length < 3; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === null) {
      if (!Number.isNaN(a)) problems.push(`${label}[${i}] = ${a}, expected NaN`);
      continue;
    }
    const error = Math.abs(a - e);
    if (!(error <= RELATIVE * Math.max(Math.abs(a), Math.abs(e)) || error <= FLOOR * scale)) {
      problems.push(`${label}[${i}] = ${a}, expected ${e} (rel. error ${error / Math.abs(e)})`);
    }
  }
  return problems;
}

function describe(c: ReferenceCase): string {
  const show = (v: Value): string => JSON.stringify(v);
  return `${c.fn}(${c.args.map(show).join(", ")}${
    Object.keys(c.opts).length ? `, ${show(c.opts)}` : ""
  })`;
}

const byFn = new Map<string, ReferenceCase[]>();
for (const c of reference.cases) byFn.set(c.fn, [...(byFn.get(c.fn) ?? []), c]);

for (const [fnName, cases] of byFn) {
  Deno.test(`reference: ${fnName} matches pandas (${cases.length} cases)`, () => {
    const fn = registry[fnName];
    assert.equal(typeof fn, "function", `${fnName} is not exported by lib/series or lib/factors`);
    const problems: string[] = [];
    for (const c of cases) {
      const args = c.args.map(resolve);
      if (Object.keys(c.opts).length > 0) args.push(resolve(c.opts));
      const frozen = args.filter((a) => a instanceof Float64Array).map((a) =>
        (a as Float64Array).slice()
      );
      const result = fn(...args);
      const label = describe(c);
      if (Array.isArray(c.expected)) {
        problems.push(...mismatches(label, result as Float64Array, c.expected));
      } else {
        for (const [key, expected] of Object.entries(c.expected)) {
          const actual = (result as Record<string, Float64Array>)[key];
          problems.push(...mismatches(`${label}.${key}`, actual, expected));
        }
      }
      const after = args.filter((a) => a instanceof Float64Array) as Float64Array[];
      after.forEach((a, k) => assert.deepEqual(a, frozen[k], `${label} mutated its input`));
    }
    assert.deepEqual(problems, [], problems.join("\n"));
  });
}
