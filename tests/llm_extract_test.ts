import assert from "node:assert/strict";
import { extractJson } from "../lib/llm/_extract_json.ts";

Deno.test("extractJson takes fenced blocks, strips <think>, finds the first balanced value", () => {
  assert.deepEqual(extractJson('{"a":1}'), { ok: true, value: { a: 1 }, repaired: false });
  assert.deepEqual(extractJson("```json\n[1, 2]\n```"), {
    ok: true,
    value: [1, 2],
    repaired: false,
  });
  assert.deepEqual(
    extractJson('<think>maybe {"a": 0}</think>\nFinal: {"a": 2}'),
    { ok: true, value: { a: 2 }, repaired: false },
  );
  assert.deepEqual(
    extractJson('Result: {"text": "a } inside \\" quotes {", "n": [1, {"m": 2}]} done {"b": 1}'),
    { ok: true, value: { text: 'a } inside " quotes {', n: [1, { m: 2 }] }, repaired: false },
  );
});

Deno.test("extractJson repairs complete but sloppy JSON and refuses truncated JSON", () => {
  assert.deepEqual(extractJson('{"a": 1, "b": [1, 2,],}'), {
    ok: true,
    value: { a: 1, b: [1, 2] },
    repaired: true,
  });
  assert.deepEqual(extractJson("{'a': 'single', b: true}"), {
    ok: true,
    value: { a: "single", b: true },
    repaired: true,
  });
  const truncated = extractJson('{"score": 0.5, "rationale": "the company beat');
  assert.equal(truncated.ok, false);
  assert.match(!truncated.ok ? truncated.error : "", /no complete JSON/);
  assert.equal(extractJson("<think>only thoughts</think>").ok, false);
  assert.deepEqual(
    extractJson('<reasoning>try {"a": 0}</reasoning><thinking>{"a": 9}</thinking>{"a": 3}'),
    { ok: true, value: { a: 3 }, repaired: false },
  );
  assert.equal(extractJson('<think>never closed {"a": 1}').ok, false);
  assert.equal(extractJson("I cannot help with that.").ok, false);
});

Deno.test("extractJson prefers a json-labelled or unlabelled fence over other languages", () => {
  assert.deepEqual(
    extractJson('Code:\n```python\nd = {"a": 0}\n```\nAnswer:\n```json\n{"a": 1}\n```'),
    { ok: true, value: { a: 1 }, repaired: false },
  );
  assert.deepEqual(
    extractJson("```ts\nconst x = 1;\n```\n```\n[3]\n```"),
    { ok: true, value: [3], repaired: false },
  );
  assert.deepEqual(
    extractJson("```JSON\n{'a': 2,}\n```"),
    { ok: true, value: { a: 2 }, repaired: true },
  );
});
