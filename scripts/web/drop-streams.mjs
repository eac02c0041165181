// Drops the JS stream adapters (`IntoUnderlyingByteSource`, `IntoUnderlyingSink`,
// `IntoUnderlyingSource`) from the wasm and the JS glue. Leptos' `csr` feature brings in
// server_fn, whose `wasm-streams` dependency exports them for JavaScript to call; the widget
// never makes a stream, and nothing imports these classes from its module (the loader uses
// `mount`). Exported, the code behind them could never be removed as dead; once the exports
// are gone, wasm-opt removes it and the imports only it used.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { leb, readLeb } from "./short-imports.mjs";

const STREAM_EXPORT = /^(__wbg_)?intounderlying/;

/** `wasm` and `js` without the stream adapters. Throws if the glue doesn't look as expected. */
export function dropStreams(wasm, js) {
  const classes =
    /^export class IntoUnderlying\w+ \{\n[\s\S]*?\n\}\nif \(Symbol\.dispose\) IntoUnderlying\w+\.prototype\[Symbol\.dispose\] = IntoUnderlying\w+\.prototype\.free;\n/gm;
  const registries = /^const IntoUnderlying\w+Finalization = [^;]*;\n/gm;
  const stripped = js.replace(classes, "").replace(registries, "");
  if (stripped === js) return { wasm, js };
  if (/intounderlying/i.test(stripped)) {
    throw new Error("the JS glue still uses a stream adapter after removing them");
  }
  const dir = mkdtempSync(join(tmpdir(), "peerhelp-glue-"));
  try {
    const input = join(dir, "in.wasm");
    const output = join(dir, "out.wasm");
    writeFileSync(input, withoutStreamExports(wasm));
    execFileSync("wasm-opt", [input, "--remove-unused-module-elements", "-o", output]);
    return { wasm: readFileSync(output), js: stripped };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `wasm` without the stream adapters' exports. */
function withoutStreamExports(wasm) {
  const decoder = new TextDecoder();
  let offset = 8;
  while (offset < wasm.length && wasm[offset] !== 7) {
    const [size, start] = readLeb(wasm, offset + 1);
    offset = start + size;
  }
  const header = offset;
  const [size, start] = readLeb(wasm, offset + 1);
  let [count, at] = readLeb(wasm, start);
  const kept = [];
  let keptCount = 0;
  for (let i = 0; i < count; i++) {
    const [nameLength, nameStart] = readLeb(wasm, at);
    const nameEnd = nameStart + nameLength;
    const [, descEnd] = readLeb(wasm, nameEnd + 1);
    if (!STREAM_EXPORT.test(decoder.decode(wasm.subarray(nameStart, nameEnd)))) {
      kept.push(...wasm.subarray(at, descEnd));
      keptCount++;
    }
    at = descEnd;
  }
  const body = [...leb(keptCount), ...kept];
  return Buffer.concat([
    wasm.subarray(0, header),
    Uint8Array.from([7, ...leb(body.length), ...body]),
    wasm.subarray(start + size),
  ]);
}
