/**
 * Worker body of `gunzipInWorker`: decompresses gzip chunks posted by the main thread and
 * posts the output back (transferred), sending at most `credits` chunks ahead of the reader.
 */
interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const decompressor = new DecompressionStream("gzip");
const writer = decompressor.writable.getWriter();
let credits = 0;
let wakeUp: (() => void) | undefined;
let writing: Promise<void> = Promise.resolve();

scope.onmessage = (event: MessageEvent) => {
  const message = event.data as { type: string; chunk?: Uint8Array<ArrayBuffer>; credits?: number };
  if (message.type === "data" && message.chunk !== undefined) {
    const chunk = message.chunk;
    writing = writing.then(() => writer.write(chunk));
  } else if (message.type === "end") {
    writing = writing.then(() => writer.close());
  } else if (message.type === "credit") {
    credits += message.credits ?? 1;
    wakeUp?.();
  }
};

scope.postMessage({ type: "ready" });

(async () => {
  try {
    const reader = (decompressor.readable as ReadableStream<Uint8Array<ArrayBuffer>>).getReader();
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      while (credits <= 0) await new Promise<void>((resolve) => wakeUp = resolve);
      credits--;
      scope.postMessage({ type: "data", chunk: value }, [value.buffer]);
    }
    await writing;
    scope.postMessage({ type: "end" });
  } catch (error) {
    writing.catch(() => {});
    scope.postMessage({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
    });
  }
})();
