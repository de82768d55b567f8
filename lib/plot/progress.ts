import { escapeHtml } from "./_html.ts";
import { type JupyterBroadcaster, jupyterKernel } from "./_jupyter.ts";

/**
 * Options for {@link progressDisplay}.
 *
 * @example
 * ```ts
 * import type { ProgressOptions } from "@quantbook/sdk/plot";
 * const opts: ProgressOptions = { total: 100, label: "scoring" };
 * ```
 */
export interface ProgressOptions {
  /** Number of steps; without it the display counts steps without a bar. */
  total?: number;
  /** Text in front of the bar (default `"progress"`). */
  label?: string;
  /** Minimum time between two redraws in milliseconds (default 100). */
  minIntervalMs?: number;
}

/**
 * A progress display handle: report with `update`/`tick`, close with `finish`.
 *
 * @example
 * ```ts
 * import { progressDisplay, type Progress } from "@quantbook/sdk/plot";
 * const bar: Progress = progressDisplay({ total: 2 });
 * bar.tick();
 * bar.tick();
 * await bar.finish();
 * ```
 */
export interface Progress {
  /** Sets the number of completed steps (and an optional note shown after the bar). */
  update(done: number, note?: string): void;
  /** Adds `steps` completed steps (default 1). */
  tick(steps?: number, note?: string): void;
  /** Draws the final state; resolves once the notebook display has been sent. */
  finish(note?: string): Promise<void>;
  /** The current text line, e.g. `scoring [#####.....] 50% 5/10 1.2s`. */
  text(): string;
}

/**
 * Progress for long work. In a Jupyter notebook (Deno kernel) it is ONE display updated in
 * place (`display_data` then `update_display_data` with the same display id), not a wall of
 * lines; in a terminal it redraws one line on stderr; when stderr is not a terminal it
 * prints only the final line. Redraws are throttled; nothing throws outside Jupyter.
 *
 * @example
 * ```ts
 * import { progressDisplay } from "@quantbook/sdk/plot";
 * const progress = progressDisplay({ total: 3, label: "backtests" });
 * for (let i = 0; i < 3; i++) progress.tick();
 * await progress.finish("done");
 * ```
 */
export function progressDisplay(options: ProgressOptions = {}): Progress {
  const total = options.total;
  if (total !== undefined && (!Number.isFinite(total) || total < 0)) {
    throw new RangeError(
      `progressDisplay: options.total must be a finite number >= 0, got ${total}.`,
    );
  }
  const label = options.label ?? "progress";
  const minInterval = options.minIntervalMs ?? 100;
  const started = performance.now();
  const kernel = jupyterKernel();
  const displayId = `quantbook-progress-${crypto.randomUUID()}`;
  let done = 0;
  let note = "";
  let lastDraw = -Infinity;
  let shown = false;
  let finished = false;
  let sending: Promise<void> = Promise.resolve();

  const text = (): string => {
    const elapsed = (performance.now() - started) / 1000;
    const parts = [label];
    if (total) {
      const frac = Math.min(1, done / total);
      const filled = Math.round(frac * 20);
      parts.push(`[${"#".repeat(filled)}${".".repeat(20 - filled)}]`, `${Math.floor(frac * 100)}%`);
      parts.push(`${done}/${total}`);
      if (done > 0 && done < total) {
        parts.push(`${elapsed.toFixed(1)}s, ETA ${(elapsed * (total - done) / done).toFixed(1)}s`);
      } else parts.push(`${elapsed.toFixed(1)}s`);
    } else parts.push(`${done}`, `${elapsed.toFixed(1)}s`);
    if (note) parts.push(note);
    return parts.join(" ");
  };

  const html = (): string => {
    const bar = total
      ? `<progress value="${Math.min(done, total)}" max="${total}" style="width:240px"></progress> `
      : "";
    return `<div class="quantbook-progress" style="font-family:monospace">${bar}${
      escapeHtml(text())
    }</div>`;
  };

  const draw = (force: boolean): void => {
    const now = performance.now();
    if (!force && now - lastDraw < minInterval) return;
    lastDraw = now;
    if (kernel) sendToKernel(kernel);
    else drawTerminal(force && finished);
  };

  const sendToKernel = (api: JupyterBroadcaster): void => {
    const msgType = shown ? "update_display_data" : "display_data";
    shown = true;
    const content = {
      data: { "text/html": html(), "text/plain": text() },
      metadata: {},
      transient: { display_id: displayId },
    };
    sending = sending.then(() => api.broadcast(msgType, content)).catch(() => {
      // A lost progress frame must not break the computation it reports on.
    });
  };

  const drawTerminal = (final: boolean): void => {
    const encoder = new TextEncoder();
    if (Deno.stderr.isTerminal()) {
      Deno.stderr.writeSync(encoder.encode(`\r\x1b[2K${text()}${final ? "\n" : ""}`));
    } else if (final) {
      Deno.stderr.writeSync(encoder.encode(`${text()}\n`));
    }
  };

  const check = (value: number, name: string): void => {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`progress.${name}: expected a finite number >= 0, got ${value}.`);
    }
  };

  return {
    update(value: number, newNote?: string): void {
      check(value, "update");
      done = value;
      if (newNote !== undefined) note = newNote;
      if (!finished) draw(false);
    },
    tick(steps = 1, newNote?: string): void {
      check(steps, "tick");
      done += steps;
      if (newNote !== undefined) note = newNote;
      if (!finished) draw(false);
    },
    finish(finalNote?: string): Promise<void> {
      if (finalNote !== undefined) note = finalNote;
      if (!finished) {
        finished = true;
        draw(true);
      }
      return sending;
    },
    text,
  };
}
