import assert from "node:assert/strict";
import {
  equityFigure,
  PLOTLY_JS_VERSION,
  renderReport,
  tableView,
  writeReport,
} from "../lib/plot/mod.ts";

const timestamp = new Float64Array([0, 86_400e6, 172_800e6]);

Deno.test("the pinned plotly.js version matches deno.json", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  assert.equal(config.imports["plotly.js-dist-min"], `npm:plotly.js-dist-min@${PLOTLY_JS_VERSION}`);
});

Deno.test("renderReport builds one page with figures, stats, tables and escaped notes", async () => {
  const html = await renderReport({
    title: "Test <report>",
    subtitle: "offline",
    plotlyJs: "window.Plotly = { newPlot() {} }; // </script> <!-- x",
    generatedAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    sections: [
      { title: "Stats", note: "first\n\nsecond & more", stats: { sharpe: 1.234 } },
      {
        title: "Figures",
        figure: equityFigure(timestamp, new Float64Array([1, 2, 3])),
        figures: [equityFigure(timestamp, new Float64Array([3, 2, 1]))],
        table: tableView({ x: new Float64Array([1]) }),
      },
      { table: { y: new Float64Array([2]) } },
    ],
  });
  assert.match(html, /<h1>Test &#60;report&#62;<\/h1>/);
  assert.match(html, /<p>first<\/p>\n<p>second &#38; more<\/p>/);
  assert.match(html, /<td style="text-align:right">1.23<\/td>/);
  assert.equal(html.match(/class="quantbook-figure"/g)?.length, 2);
  assert.match(html, /id="figure-1"[^]*id="figure-2"/);
  assert.match(html, /Generated 2024-01-02 03:04:05 UTC/);
  // The inlined script cannot end early: only the real closing tags remain.
  assert.equal(html.match(/<\/script>/g)?.length, 2);
  assert.match(html, /<\\\/script> <\\!-- x/);
  await assert.rejects(
    () => renderReport({ title: "x", sections: [{ figure: {} as never }] }),
    /sections\[0\] figure 0 is not a plotly figure/,
  );
});

Deno.test("writeReport inlines the pinned plotly.js bundle and writes the file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = await writeReport(`${dir}/nested/report.html`, {
      title: "Inline",
      sections: [{ figure: equityFigure(timestamp, new Float64Array([1, 2, 3])) }],
    });
    assert.equal(path, await Deno.realPath(`${dir}/nested/report.html`));
    const html = await Deno.readTextFile(path);
    assert.ok(html.length > 3_000_000, `report is only ${html.length} bytes`);
    assert.match(html, new RegExp(`plotly\\.js v${PLOTLY_JS_VERSION.replaceAll(".", "\\.")}`));
    assert.doesNotMatch(html, /<script src=/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
