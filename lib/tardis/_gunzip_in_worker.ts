/** Gzip decompression on a worker thread, so it overlaps with parsing on the main thread. */

/** Output chunks the worker may send ahead of the reader. */
const CREDITS = 6;

/**
 * Starts the gunzip worker and waits until it is ready; undefined when workers are not
 * available here (then the caller decompresses on its own thread).
 */
export async function startGunzipWorker(): Promise<Worker | undefined> {
  let worker: Worker;
  try {
    worker = new Worker(new URL("./_gunzip_worker.ts", import.meta.url).href, {
      type: "module",
    });
  } catch {
    return undefined;
  }
  const ready = await new Promise<boolean>((resolve) => {
    worker.onmessage = (event: MessageEvent) => resolve(event.data?.type === "ready");
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      resolve(false);
    };
  });
  if (!ready) {
    worker.terminate();
    return undefined;
  }
  return worker;
}

type WorkerMessage =
  | { type: "data"; chunk: Uint8Array<ArrayBuffer>; bytesIn: number }
  | { type: "end"; bytesIn: number }
  | { type: "error"; message: string; file?: boolean };

/** A gzip file for the worker to read, past the part the caller already parsed. */
export interface GunzipFileInput {
  /** File path. */
  path: string;
  /** Decompressed bytes to drop from the start (already parsed by the caller). */
  skipOutput: number;
  /** Compressed bytes the caller already reported as read. */
  inputSeen: number;
}

/**
 * Decompresses `input` (a byte stream, or a file the worker then reads itself) on a ready
 * worker from {@linkcode startGunzipWorker}, yielding chunks of up to 1 MB. A yielded chunk
 * is valid only until the next one is asked for: its buffer then goes back to the worker to
 * be filled again (no fresh memory per chunk). `onFileBytes` gets the compressed bytes the
 * worker read from a file (beyond `inputSeen`) as they are used. Errors from corrupt or
 * truncated data surface as a TypeError mentioning gzip, like `DecompressionStream`; a file
 * that cannot be read, as an Error. The worker is terminated when the input ends, fails or
 * the reader stops early.
 */
export async function* gunzipInWorker(
  worker: Worker,
  input: ReadableStream<Uint8Array> | GunzipFileInput,
  onFileBytes?: (bytes: number) => void,
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = input instanceof ReadableStream ? input.getReader() : undefined;
  const inbox: WorkerMessage[] = [];
  let wakeUp: (() => void) | undefined;
  let failure: { error: unknown } | undefined;
  const deliver = (message: WorkerMessage) => {
    inbox.push(message);
    wakeUp?.();
  };
  worker.onmessage = (event: MessageEvent) => deliver(event.data as WorkerMessage);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    failure ??= { error: new Error(`gzip worker failed: ${event.message}`) };
    wakeUp?.();
  };
  let finished = false;
  let fileBytes = input instanceof ReadableStream ? 0 : input.inputSeen;
  const countFileBytes = (bytesIn: number) => {
    if (reader === undefined && bytesIn > fileBytes) onFileBytes?.(bytesIn - fileBytes);
    fileBytes = Math.max(fileBytes, bytesIn);
  };
  const feeding = reader === undefined ? undefined : (async () => {
    try {
      while (!finished) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!finished) worker.postMessage({ type: "data", chunk: value });
      }
      if (!finished) worker.postMessage({ type: "end" });
    } catch (error) {
      failure ??= { error };
      wakeUp?.();
    }
  })();
  try {
    worker.postMessage({ type: "credit", credits: CREDITS });
    if (!(input instanceof ReadableStream)) {
      worker.postMessage({ type: "file", path: input.path, skip: input.skipOutput });
    }
    while (true) {
      while (inbox.length === 0 && failure === undefined) {
        await new Promise<void>((resolve) => wakeUp = resolve);
      }
      if (failure !== undefined) throw failure.error;
      const message = inbox.shift()!;
      if (message.type === "error") {
        if (message.file) throw new Error(message.message);
        throw new TypeError(`gzip worker: ${message.message}`);
      }
      countFileBytes(message.bytesIn);
      if (message.type === "end") return;
      yield message.chunk;
      const buffer = message.chunk.buffer;
      worker.postMessage({ type: "credit", credits: 1, buffer }, [buffer]);
    }
  } finally {
    finished = true;
    worker.terminate();
    await reader?.cancel().catch(() => {});
    await feeding;
  }
}
