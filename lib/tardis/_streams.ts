/** Byte-stream helpers: peek the first chunk, re-attach it, gunzip with the right types. */

/** A gzip DecompressionStream typed for Uint8Array streams. */
export function gunzip(): ReadableWritablePair<Uint8Array, Uint8Array> {
  return new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
}

/** A gzip CompressionStream typed for Uint8Array streams. */
export function gzip(): ReadableWritablePair<Uint8Array, Uint8Array> {
  return new CompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
}

/** True when `bytes` starts with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A one-chunk stream (no chunk when empty). */
export function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

/**
 * Reads the first non-empty chunk; `stream` replays it followed by the rest, calling
 * `onBytes` for each chunk as it is pulled. `first` is undefined for an empty stream.
 */
export async function peekStream(
  input: ReadableStream<Uint8Array>,
  onBytes?: (bytes: number) => void,
): Promise<{ first: Uint8Array | undefined; stream: ReadableStream<Uint8Array> }> {
  const reader = input.getReader();
  let first: Uint8Array | undefined;
  while (first === undefined) {
    const { done, value } = await reader.read();
    if (done) {
      reader.releaseLock();
      return { first: undefined, stream: bytesStream(new Uint8Array(0)) };
    }
    if (value.length > 0) first = value;
  }
  let pending: Uint8Array | undefined = first;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending !== undefined) {
        const chunk = pending;
        pending = undefined;
        onBytes?.(chunk.length);
        controller.enqueue(chunk);
        return;
      }
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      onBytes?.(value.length);
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
  return { first, stream };
}
