/** The part of `Deno.jupyter` this module uses. */
export interface JupyterBroadcaster {
  broadcast(
    msgType: string,
    content: Record<string, unknown>,
  ): Promise<void>;
}

/**
 * `Deno.jupyter` when running inside `deno jupyter`, else `undefined`: outside the kernel,
 * merely reading `Deno.jupyter` throws, so the access is guarded.
 */
export function jupyterKernel(): JupyterBroadcaster | undefined {
  try {
    const api = (Deno as unknown as { jupyter?: JupyterBroadcaster }).jupyter;
    return typeof api?.broadcast === "function" ? api : undefined;
  } catch {
    return undefined;
  }
}
