/** Atomic file writes for the cache and the sample data: temp file, then rename. */

let counter = 0;

/** A temp path next to `path` that never matches a cache file name. */
export function tempPathFor(path: string): string {
  counter = (counter + 1) % 1e9;
  return `${path}.${Deno.pid}-${Date.now().toString(36)}-${counter}.partial`;
}

/**
 * Streams `chunks` into `path` via a temp file renamed at the end; on any error the temp file
 * is removed and `path` is untouched.
 */
export async function writeFileAtomic(
  path: string,
  chunks: ReadableStream<Uint8Array>,
): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const file = await Deno.open(temp, { write: true, createNew: true });
    await chunks.pipeTo(file.writable);
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

/** Gzips text chunks from an iterable into `path` atomically. */
export async function writeGzipTextAtomic(
  path: string,
  chunks: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const stream = ReadableStream.from(chunks)
    .pipeThrough(new TextEncoderStream())
    .pipeThrough(new CompressionStream("gzip"));
  await writeFileAtomic(path, stream);
}
