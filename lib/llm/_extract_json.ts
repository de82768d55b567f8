import { jsonrepair } from "jsonrepair";

/** Result of pulling one JSON value out of a model's text answer. */
export type ExtractedJson =
  | { ok: true; value: unknown; repaired: boolean }
  | { ok: false; error: string };

const THINK_BLOCK = /<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi;
const OPEN_THINK = /<(?:think|thinking|reasoning)>[\s\S]*$/i;
const FENCES = /```([\w+-]*)[ \t]*\r?\n?([\s\S]*?)```/g;

/** The answer without its reasoning blocks (closed or left open), trimmed. */
export function visibleAnswer(text: string): string {
  return text.replace(THINK_BLOCK, "").replace(OPEN_THINK, "").trim();
}

/**
 * Extracts JSON from a model answer: strips `<think>` (`<thinking>`, `<reasoning>`) blocks,
 * prefers a fenced block (one labelled json or unlabelled before other languages), else the
 * whole text, else the first balanced `{...}` / `[...]`; parses it, and only then tries
 * `jsonrepair` (trailing commas, single quotes, comments). An unbalanced candidate is not
 * repaired: completing a cut-off value would invent data.
 */
export function extractJson(text: string): ExtractedJson {
  const visible = visibleAnswer(text);
  if (visible === "") return { ok: false, error: "the answer has no content outside <think>" };
  const candidates = [...fencedBlocks(visible), visible];
  let balanced: string | undefined;
  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate), repaired: false };
    } catch {
      balanced ??= firstBalanced(candidate);
    }
  }
  if (balanced === undefined) {
    return {
      ok: false,
      error: "no complete JSON object or array found in the answer (unbalanced or missing braces)",
    };
  }
  try {
    return { ok: true, value: JSON.parse(balanced), repaired: false };
  } catch (parseError) {
    try {
      return { ok: true, value: JSON.parse(jsonrepair(balanced)), repaired: true };
    } catch {
      return { ok: false, error: `invalid JSON: ${(parseError as Error).message}` };
    }
  }
}

/** Contents of the fenced blocks: labelled json (or unlabelled) first, then the others. */
function fencedBlocks(text: string): string[] {
  const json: string[] = [];
  const other: string[] = [];
  for (const [, lang, body] of text.matchAll(FENCES)) {
    (lang === "" || /^json5?$/i.test(lang) ? json : other).push(body.trim());
  }
  return [...json, ...other];
}

/** The first balanced `{...}` or `[...]` of `text`, aware of JSON strings; else undefined. */
function firstBalanced(text: string): string | undefined {
  for (let start = 0; start < text.length; start++) {
    const open = text[start];
    if (open !== "{" && open !== "[") continue;
    const end = matchingClose(text, start);
    if (end >= 0) return text.slice(start, end + 1);
  }
  return undefined;
}

function matchingClose(text: string, start: number): number {
  const stack: string[] = [];
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"') quote = c;
    else if (c === "{") stack.push("}");
    else if (c === "[") stack.push("]");
    else if (c === "}" || c === "]") {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}
