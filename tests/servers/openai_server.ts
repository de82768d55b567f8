/**
 * A local OpenAI-compatible server for tests, benchmarks and offline notebooks. It speaks
 * the real wire format (`POST /v1/chat/completions` as JSON or SSE, `GET /v1/models`) and
 * scripts its answers from `[[directive]]` tokens found in the request messages, or from a
 * `reply` function.
 *
 * Directives: `plain` (default), `fenced`, `think`, `trailing_comma`, `prose`, `truncate`
 * (`finish_reason: "length"`), `empty`, `think_only` (a reasoning block and nothing after it), `violate` (schema violation), `429` (with
 * `retry-after-ms: 20`), `429s` (`Retry-After: 1` in seconds), `500`, `slow` (answers after
 * 3 s), `cut_stream` (an SSE stream that stops halfway, without a finish_reason or
 * `[DONE]`), `reject_json_schema` (400 on a `json_schema` response format), `echo_auth` (401
 * whose message echoes the Authorization header), `answer:{...}` (the JSON to answer), and
 * `seq:a,b,c` (the n-th call of a conversation plays the n-th item, the last one repeats).
 * `gpt-4o-mini` is answered as `gpt-4o-mini-2024-07-18` (an alias served by a snapshot).
 * Models whose name contains `deepseek` behave like DeepSeek: `json_schema` is a 400 and
 * JSON mode without the word "json" in the prompt is a 400.
 *
 * Run `deno run -A tests/servers/openai_server.ts [port] [--latency-ms=N] [--fault-rate=F]
 * [--seed=S]` to serve it from another process (a notebook, the benchmark): it prints its
 * base URL on the first line of stdout.
 *
 * @module
 */
import { SeededRandom } from "../../lib/series/random.ts";

/** What the server knows about one chat request when scripting its reply. */
export interface ChatRequestInfo {
  // deno-lint-ignore no-explicit-any
  body: any;
  headers: Headers;
  model: string;
  /** All message texts joined, for directive lookup. */
  text: string;
  /** 0-based index of this call within its conversation (same first user message). */
  callIndex: number;
}

/** A scripted reply: an HTTP error (`status` != 200) or an assistant answer. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  errorMessage?: string;
  content?: string;
  reasoning?: string;
  finishReason?: string;
  delayMs?: number;
  /** Reported usage (default: about 4 characters per token of the prompt and the answer). */
  usage?: { prompt_tokens: number; completion_tokens: number; cached_tokens?: number };
  /** Report no usage (like servers that ignore `stream_options`). */
  noUsage?: boolean;
  /** Stream only the first half of the answer, then end without finish_reason or [DONE]. */
  cutStream?: boolean;
}

/** Options of {@linkcode startOpenAiServer}. */
export interface OpenAiServerOptions {
  /** Custom script (default: {@linkcode scriptedReply}). */
  reply?: (info: ChatRequestInfo) => ScriptedReply | Promise<ScriptedReply>;
  /** Added latency of every answer in ms (default 0). */
  latencyMs?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Fraction of requests answered with a random fault (429, 500, empty, truncated, prose). */
  faultRate?: number;
  /** Seed of the fault injector (default 1). */
  seed?: number;
  /** Port (default 0 = any free port). */
  port?: number;
}

/** A running server. */
export interface OpenAiServer {
  /** Base URL to give a client, e.g. `http://127.0.0.1:40123/v1`. */
  baseURL: string;
  /** Chat requests received so far. */
  readonly calls: number;
  /** Bodies of the chat requests received, in arrival order. */
  // deno-lint-ignore no-explicit-any
  readonly bodies: any[];
  /** Authorization headers received. */
  readonly authHeaders: string[];
  /** Stops the server, cancelling pending delayed answers. */
  close(): Promise<void>;
}

const POSITIVE =
  /\b(beats?|surges?|soars?|record|upgrades?d?|rall(y|ies)|growth|approv\w*|raises?d?|strong|jumps?|wins?|partnership|buyback)\b/gi;
const NEGATIVE =
  /\b(miss(es)?|plunges?|downgrades?d?|lawsuit|hack\w*|falls?|cuts?|weak|probe|outage|bankrupt\w*|slumps?|delays?|recall|fraud|losses)\b/gi;

/** Aliases answered by a dated snapshot, as OpenAI does. */
const SNAPSHOTS: Record<string, string> = { "gpt-4o-mini": "gpt-4o-mini-2024-07-18" };

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The JSON answer the default script gives: sentiment, a trading signal, or `{ok:true}`. */
// deno-lint-ignore no-explicit-any
export function defaultAnswer(info: ChatRequestInfo): Record<string, any> {
  const explicit = /\[\[answer:(\{.*?\})\]\]/s.exec(info.text);
  if (explicit) return JSON.parse(explicit[1]);
  const users = info.body.messages.filter((m: { role: string }) => m.role === "user");
  const subject: string = users.length ? users[0].content : "";
  const lower = info.text.toLowerCase();
  const bias = ((hash(info.model) % 21) - 10) / 100;
  if (lower.includes("sentiment")) {
    const pos = subject.match(POSITIVE)?.length ?? 0;
    const neg = subject.match(NEGATIVE)?.length ?? 0;
    const raw = pos + neg === 0 ? 0 : (pos - neg) / (pos + neg);
    const score = Math.max(-1, Math.min(1, Math.round((raw * 0.8 + bias) * 100) / 100));
    const label = score > 0.15 ? "positive" : score < -0.15 ? "negative" : "neutral";
    const entities = [...new Set(subject.match(/\b[A-Z]{2,5}\b/g) ?? [])].slice(0, 5);
    return {
      score,
      confidence: pos + neg === 0 ? 0.4 : 0.8,
      label,
      entities,
      rationale: `${pos} positive and ${neg} negative cues`,
    };
  }
  if (lower.includes("action")) {
    const momentum = Number(/"momentum":\s*(-?[\d.]+)/.exec(info.text)?.[1] ?? 0);
    const action = momentum > 0.5 ? "buy" : momentum < -0.5 ? "sell" : "hold";
    return {
      action,
      confidence: 0.6,
      sizePct: action === "hold" ? 0 : 25,
      rationale: `momentum ${momentum}`,
    };
  }
  return { ok: true };
}

function directiveFor(info: ChatRequestInfo): string {
  const seq = /\[\[seq:([\w,]+)\]\]/.exec(info.text);
  if (seq) {
    const items = seq[1].split(",");
    return items[Math.min(info.callIndex, items.length - 1)];
  }
  const names = [...info.text.matchAll(/\[\[(\w+)\]\]/g)].map((m) => m[1]);
  return names.find((n) => n !== "reject_json_schema") ?? "plain";
}

/** The default script: plays the directive found in the messages (see the module doc). */
export function scriptedReply(info: ChatRequestInfo): ScriptedReply {
  const json = JSON.stringify(defaultAnswer(info));
  switch (directiveFor(info)) {
    case "fenced":
      return { content: "Here you go:\n```json\n" + json + "\n```\nAnything else?" };
    case "think":
      return {
        content: `<think>The user wants {json}. Let me think: {"draft": 1,</think>\n${json}`,
        reasoning: "hidden chain of thought",
      };
    case "trailing_comma":
      return { content: json.replace(/\}$/, ",}").replace(/\]/, ",]") };
    case "prose":
      return { content: `Sure! The analysis gives ${json} as the result. Hope this helps.` };
    case "truncate":
      return { content: json.slice(0, Math.floor(json.length / 2)), finishReason: "length" };
    case "empty":
      return { content: "" };
    case "think_only":
      return { content: "<think>The user wants a score. Let me weigh the cues" };
    case "violate":
      return { content: JSON.stringify({ score: 7, label: "very good" }) };
    case "429":
      return {
        status: 429,
        headers: { "retry-after-ms": "20" },
        errorMessage: "Rate limit reached",
      };
    case "429s":
      return { status: 429, headers: { "retry-after": "1" }, errorMessage: "Rate limit reached" };
    case "500":
      return { status: 500, errorMessage: "The server had an error" };
    case "cut_stream":
      return { content: json, cutStream: true };
    case "slow":
      return { content: json, delayMs: 3000 };
    case "echo_auth":
      return {
        status: 401,
        errorMessage: `Incorrect API key provided: ${info.headers.get("authorization")}`,
      };
    default:
      return { content: json };
  }
}

function errorResponse(status: number, message: string, headers: Record<string, string> = {}) {
  return Response.json(
    { error: { message, type: status === 429 ? "rate_limit_error" : "api_error", code: null } },
    { status, headers },
  );
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

function injectFault(r: number): ScriptedReply {
  const kind = Math.floor(r * 5);
  if (kind === 0) {
    return { status: 429, headers: { "retry-after-ms": "1" }, errorMessage: "slow down" };
  }
  if (kind === 1) return { status: 500, errorMessage: "injected fault" };
  if (kind === 2) return { content: "" };
  if (kind === 3) return { content: '{"score": 0.', finishReason: "length" };
  return { content: "I cannot answer that in the requested format." };
}

/**
 * Starts the server on 127.0.0.1 (port 0 = any free port).
 *
 * @example
 * ```ts
 * const server = startOpenAiServer();
 * // ... createLlm({ baseURL: server.baseURL, model: "mock-1" }) ...
 * await server.close();
 * ```
 */
export function startOpenAiServer(options: OpenAiServerOptions = {}): OpenAiServer {
  const reply = options.reply ?? scriptedReply;
  const rng = new SeededRandom(options.seed ?? 1);
  const random = (): number => rng.next();
  const conversations = new Map<string, number>();
  const closing = new AbortController();
  // deno-lint-ignore no-explicit-any
  const bodies: any[] = [];
  const authHeaders: string[] = [];
  let calls = 0;

  async function chat(req: Request): Promise<Response> {
    // deno-lint-ignore no-explicit-any
    let body: any;
    try {
      body = await req.json();
    } catch {
      return errorResponse(400, "We could not parse the JSON body of your request.");
    }
    if (!Array.isArray(body?.messages) || typeof body?.model !== "string") {
      return errorResponse(400, "'messages' and 'model' are required properties");
    }
    calls++;
    bodies.push(body);
    authHeaders.push(req.headers.get("authorization") ?? "");
    const text = body.messages.map((m: { content: string }) => String(m.content)).join("\n");
    const firstUser = body.messages.find((m: { role: string }) => m.role === "user")?.content ?? "";
    const key = `${body.model}\u0000${firstUser}`;
    const callIndex = conversations.get(key) ?? 0;
    conversations.set(key, callIndex + 1);
    const info: ChatRequestInfo = {
      body,
      headers: req.headers,
      model: body.model,
      text,
      callIndex,
    };
    const format = body.response_format?.type;
    const deepseekLike = body.model.includes("deepseek");
    if (format === "json_schema" && (deepseekLike || text.includes("[[reject_json_schema]]"))) {
      return errorResponse(400, "This response_format type is unavailable now");
    }
    if (deepseekLike && format === "json_object" && !/json/.test(text)) {
      return errorResponse(
        400,
        "Prompt must contain the word 'json' in some form to use 'response_format' of type 'json_object'.",
      );
    }
    const faulty = options.faultRate !== undefined && random() < options.faultRate;
    const scripted = faulty ? injectFault(random()) : await reply(info);
    await wait((options.latencyMs ?? 0) + (scripted.delayMs ?? 0), closing.signal);
    if (scripted.status !== undefined && scripted.status !== 200) {
      return errorResponse(scripted.status, scripted.errorMessage ?? "error", scripted.headers);
    }
    const content = scripted.content ?? "";
    const finishReason = scripted.finishReason ?? "stop";
    const prompt = scripted.usage?.prompt_tokens ?? Math.ceil(text.length / 4);
    const completion = scripted.usage?.completion_tokens ?? Math.ceil(content.length / 4);
    const usage = {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      prompt_tokens_details: { cached_tokens: scripted.usage?.cached_tokens ?? 0 },
    };
    const id = `chatcmpl-${calls}`;
    const created = Math.floor(Date.now() / 1000);
    const served = SNAPSHOTS[body.model] ?? body.model;
    if (body.stream) {
      return sse(
        id,
        created,
        served,
        content,
        finishReason,
        body.stream_options?.include_usage && !scripted.noUsage ? usage : undefined,
        scripted.cutStream ?? false,
      );
    }
    return Response.json({
      id,
      object: "chat.completion",
      created,
      model: served,
      choices: [{
        index: 0,
        message: {
          role: "assistant",
          content,
          ...(scripted.reasoning ? { reasoning_content: scripted.reasoning } : {}),
        },
        finish_reason: finishReason,
      }],
      ...(scripted.noUsage ? {} : { usage }),
    });
  }

  const server = Deno.serve(
    { port: options.port ?? 0, hostname: "127.0.0.1", onListen() {} },
    (req) => {
      const { pathname } = new URL(req.url);
      if (
        options.apiKey !== undefined &&
        req.headers.get("authorization") !== `Bearer ${options.apiKey}`
      ) {
        return errorResponse(401, "Incorrect API key provided.");
      }
      if (req.method === "POST" && pathname === "/v1/chat/completions") return chat(req);
      if (req.method === "GET" && pathname === "/v1/models") {
        return Response.json({
          object: "list",
          data: ["mock-1", "mock-2", "mock-3", "deepseek-chat"].map((id) => ({
            id,
            object: "model",
            created: 0,
            owned_by: "quantbook",
          })),
        });
      }
      return errorResponse(404, `Unknown request URL: ${req.method} ${pathname}`);
    },
  );
  return {
    baseURL: `http://127.0.0.1:${server.addr.port}/v1`,
    get calls() {
      return calls;
    },
    bodies,
    authHeaders,
    async close() {
      closing.abort();
      await server.shutdown();
    },
  };
}

function sse(
  id: string,
  created: number,
  model: string,
  content: string,
  finishReason: string,
  usage: Record<string, unknown> | undefined,
  cut: boolean,
): Response {
  const encoder = new TextEncoder();
  const frames: unknown[] = [];
  const base = { id, object: "chat.completion.chunk", created, model };
  frames.push({
    ...base,
    choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }],
  });
  for (let i = 0; i < content.length; i += 8) {
    frames.push({
      ...base,
      choices: [{ index: 0, delta: { content: content.slice(i, i + 8) }, finish_reason: null }],
    });
  }
  if (cut) frames.length = Math.ceil(frames.length / 2);
  else {
    frames.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] });
    if (usage) frames.push({ ...base, choices: [], usage });
  }
  const text = frames.map((f) => `data: ${JSON.stringify(f)}\n\n`).join("") +
    (cut ? "" : "data: [DONE]\n\n");
  return new Response(encoder.encode(text), {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

if (import.meta.main) {
  const flag = (name: string): number | undefined => {
    const arg = Deno.args.find((a) => a.startsWith(`--${name}=`));
    return arg === undefined ? undefined : Number(arg.slice(name.length + 3));
  };
  const port = Deno.args.find((a) => !a.startsWith("--"));
  const server = startOpenAiServer({
    port: Number(port ?? 0),
    latencyMs: flag("latency-ms"),
    faultRate: flag("fault-rate"),
    seed: flag("seed"),
  });
  console.log(server.baseURL);
}
