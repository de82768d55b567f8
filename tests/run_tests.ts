/**
 * Test entry point (`deno task test`): runs `deno test` over tests/ and prints the plain
 * `N passed, N failed` line that CI reads. Extra arguments are passed to `deno test`
 * (e.g. `deno task test --filter rolling`).
 *
 * @module
 */

const args = ["test", "-A", "--parallel", ...Deno.args, "tests/"];
const child = new Deno.Command(Deno.execPath(), {
  args,
  stdout: "piped",
  stderr: "inherit",
  env: { NO_COLOR: "1" },
}).spawn();

const decoder = new TextDecoder();
let tail = "";
for await (const chunk of child.stdout) {
  await Deno.stdout.write(chunk);
  tail = (tail + decoder.decode(chunk, { stream: true })).slice(-4096);
}
const status = await child.status;

const summary = tail.match(/(\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/);
const passed = summary ? Number(summary[1]) : 0;
const failed = summary ? Number(summary[2]) : (status.success ? 0 : 1);
console.log(`\n${passed} passed, ${failed} failed`);
Deno.exit(status.success && failed === 0 && passed > 0 ? 0 : 1);
