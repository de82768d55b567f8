/** Gzip decompression on a worker thread, so it overlaps with parsing on the main thread. */

const CREDITS = 8;

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

/**
 * Decompresses `input` on a ready worker from {@linkcode startGunzipWorker}. Errors from
 * corrupt or truncated data surface as a TypeError mentioning gzip, like
 * `DecompressionStream`. The worker is terminated when the stream ends, fails or is cancelled.
 */
export function gunzipInWorker(
  worker: Worker,
  input: ReadableStream<Uint8Array>,
): ReadableStream<Uint8Array> {
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
        } else if (message.type === "error") {
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
