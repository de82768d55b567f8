import { createHash } from "node:crypto";
import type { LlmUsage } from "./types.ts";

/** One cached completion: the answer only, never a key or a header. */
export interface CachedCompletion {
  v: 1;
  host: string;
  model: string;
  responseModel: string;
  content: string;
  finishReason: string;
  usage: LlmUsage;
  createdAt: string;
}

/** Hex SHA-256 of a canonical JSON rendering of `value` (object keys sorted). */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** Content-addressed completion cache on disk: `<dir>/<2 hex>/<sha256>.json`. */
export class CompletionCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir.replace(/[\\/]+$/, "");
  }

  #path(key: string): string {
    return `${this.dir}/${key.slice(0, 2)}/${key}.json`;
  }

  /** The cached completion for `key`, or undefined (a corrupt file counts as a miss). */
  async get(key: string): Promise<CachedCompletion | undefined> {
    let text: string;
    try {
      text = await Deno.readTextFile(this.#path(key));
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return undefined;
      throw e;
    }
    try {
      const entry = JSON.parse(text) as CachedCompletion;
      return entry.v === 1 && typeof entry.content === "string" ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes atomically: a unique temporary file in the same folder, then a rename. */
  async set(key: string, entry: CachedCompletion): Promise<void> {
    const path = this.#path(key);
    const folder = path.slice(0, path.lastIndexOf("/"));
    await Deno.mkdir(folder, { recursive: true });
    const tmp = `${path}.${crypto.randomUUID()}.tmp`;
    try {
      await Deno.writeTextFile(tmp, JSON.stringify(entry));
      await Deno.rename(tmp, path);
    } catch (e) {
      await Deno.remove(tmp).catch(() => {});
      throw e;
    }
  }
}
