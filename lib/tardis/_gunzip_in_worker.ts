/** Gzip decompression on a worker thread, so it overlaps with parsing on the main thread. */

const CREDITS = 8;

/**
 * Decompresses `input` in a worker. Errors from corrupt or truncated data surface as a
 * TypeError mentioning gzip, like `DecompressionStream`. The worker ends with the stream.
 */
export function gunzipInWorker(input: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const worker = new Worker(new URL("./_gunzip_worker.ts", import.meta.url).href, {
    type: "module",
  });
  const reader = input.getReader();
  let finished = false;
  const stop = () => {
    if (finished) return;
    finished = true;
    worker.terminate();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      worker.onmessage = (event: MessageEvent) => {
        const message = event.data as { type: string; chunk?: Uint8Array; message?: string };
        if (finished) return;
        if (message.type === "data" && message.chunk !== undefined) {
          controller.enqueue(message.chunk);
        } else if (message.type === "end") {
          stop();
          controller.close();
        } else {
          stop();
          reader.cancel().catch(() => {});
          controller.error(new TypeError(`gzip worker: ${message.message}`));
        }
      };
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        if (finished) return;
        stop();
        reader.cancel().catch(() => {});
        controller.error(new Error(`gzip worker failed: ${event.message}`));
      };
      worker.postMessage({ type: "credit", credits: CREDITS });
      (async () => {
        try {
          while (!finished) {
            const { done, value } = await reader.read();
            if (done) break;
            if (!finished) worker.postMessage({ type: "data", chunk: value });
          }
          if (!finished) worker.postMessage({ type: "end" });
        } catch (error) {
          if (finished) return;
          stop();
          controller.error(error);
        }
      })();
    },
    pull() {
      if (!finished) worker.postMessage({ type: "credit", credits: 1 });
    },
    cancel(reason) {
      stop();
      return reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
}
