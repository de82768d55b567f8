#!/usr/bin/env python3
"""Run Jupyter notebooks top to bottom on the Deno kernel and check their outputs.

Usage: /usr/bin/python3 tests/nbrun.py [--grace S] [--settle S] [--timeout S] [--out DIR] NOTEBOOK...

Why not `jupyter nbconvert --execute`: Deno's kernel can publish a cell's last output
(display_data / execute_result) after it has already reported `status: idle`, and nbclient
stops reading at idle, so outputs go missing at random. This runner keeps reading the iopub
channel after idle before moving on: a short settle time (default 0.1 s) once the cell's
`execute_result` or `error` (its last output) has arrived, else a grace period (default
1.5 s) for outputs still on their way; each late message of that cell restarts the wait.
`update_display_data` replaces the output that carries the same display id, like a
notebook frontend does (progress displays update in place).

A notebook fails when any cell produces an `error` output, when a cell tagged `plot`
(cell metadata "tags": ["plot"]) has no `application/vnd.plotly.v1+json` output, when a
cell tagged `progress` does not show exactly one display updated in place, or when a cell
times out. Prints one JSON object to stdout: {"ok": bool, "notebooks": [...]};
exit status 0 only when every notebook passed. With --out, executed copies (with outputs)
are written to that folder.
"""

import argparse
import json
import os
import queue
import sys
import time

import nbformat
from jupyter_client.manager import KernelManager

PLOTLY = "application/vnd.plotly.v1+json"


def collect_outputs(kc, msg_id, timeout, grace, settle):
    """Outputs of one execution (iopub messages until idle, then `settle` seconds once the
    execute_result is in, else `grace` seconds), whether it timed out, and how many in-place
    display updates it received."""
    outputs = []
    updates = 0
    by_display_id = {}
    deadline = time.monotonic() + timeout
    idle_at = None
    while True:
        now = time.monotonic()
        has_result = any(o.output_type in ("execute_result", "error") for o in outputs)
        wait_after_idle = settle if has_result else grace
        if idle_at is not None and now - idle_at >= wait_after_idle:
            return outputs, False, updates
        if now >= deadline:
            return outputs, True, updates
        wait = min(deadline - now, 0.25 if idle_at is None else wait_after_idle - (now - idle_at))
        try:
            msg = kc.get_iopub_msg(timeout=max(wait, 0.01))
        except queue.Empty:
            continue
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "status":
            if content.get("execution_state") == "idle":
                idle_at = time.monotonic()
            continue
        if idle_at is not None:
            idle_at = time.monotonic()  # a late message: keep listening a while longer
        if kind == "stream":
            outputs.append(nbformat.v4.new_output("stream", name=content["name"], text=content["text"]))
        elif kind in ("display_data", "execute_result"):
            out = nbformat.v4.new_output(
                kind,
                data=content.get("data", {}),
                metadata=content.get("metadata", {}),
                **({"execution_count": content.get("execution_count")} if kind == "execute_result" else {}),
            )
            outputs.append(out)
            display_id = content.get("transient", {}).get("display_id")
            if display_id:
                by_display_id[display_id] = out
        elif kind == "update_display_data":
            updates += 1
            target = by_display_id.get(content.get("transient", {}).get("display_id"))
            if target is not None:
                target["data"] = content.get("data", {})
                target["metadata"] = content.get("metadata", {})
        elif kind == "error":
            outputs.append(nbformat.v4.new_output(
                "error", ename=content.get("ename", ""), evalue=content.get("evalue", ""),
                traceback=content.get("traceback", []),
            ))
        elif kind == "clear_output":
            outputs.clear()


def run_notebook(path, timeout, grace, settle, out_dir):
    nb = nbformat.read(path, as_version=4)
    kernel_name = nb.metadata.get("kernelspec", {}).get("name", "deno")
    env = dict(os.environ, NO_COLOR="1")
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(cwd=os.path.dirname(os.path.abspath(path)), env=env)
    kc = km.client()
    kc.start_channels()
    report = {"path": path, "cells": 0, "plots": 0, "display_updates": 0, "errors": [],
              "seconds": 0.0, "cell_seconds": {}}
    started = time.monotonic()
    try:
        kc.wait_for_ready(timeout=60)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            report["cells"] += 1
            cell_started = time.monotonic()
            msg_id = kc.execute(cell.source, store_history=True)
            outputs, timed_out, updates = collect_outputs(kc, msg_id, timeout, grace, settle)
            report["cell_seconds"][str(index)] = round(time.monotonic() - cell_started, 2)
            cell.outputs = outputs
            report["display_updates"] += updates
            where = f"cell {index}"
            if timed_out:
                report["errors"].append(f"{where}: no idle status within {timeout} s")
                break
            errors = [o for o in outputs if o.output_type == "error"]
            for o in errors:
                report["errors"].append(f"{where}: {o.ename}: {o.evalue}"[:2000])
            if "plot" in cell.metadata.get("tags", []):
                if any(PLOTLY in o.get("data", {}) for o in outputs):
                    report["plots"] += 1
                else:
                    report["errors"].append(f"{where}: tagged plot but produced no {PLOTLY} output")
            if "progress" in cell.metadata.get("tags", []):
                displays = [o for o in outputs if o.output_type == "display_data"]
                if len(displays) != 1 or updates == 0:
                    report["errors"].append(
                        f"{where}: tagged progress but shows {len(displays)} display(s) "
                        f"and {updates} in-place update(s); expected one display, updated")
            if errors:
                break
    finally:
        report["seconds"] = round(time.monotonic() - started, 2)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
        nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    report["ok"] = not report["errors"]
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--timeout", type=float, default=180.0, help="per cell, seconds")
    parser.add_argument("--grace", type=float, default=1.5,
                        help="seconds read after idle when the cell has no execute_result yet")
    parser.add_argument("--settle", type=float, default=0.1,
                        help="seconds read after idle once the execute_result arrived")
    parser.add_argument("--out", help="folder for executed copies")
    args = parser.parse_args()
    reports = [run_notebook(p, args.timeout, args.grace, args.settle, args.out)
               for p in args.notebooks]
    ok = all(r["ok"] for r in reports)
    json.dump({"ok": ok, "notebooks": reports}, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
