// Trunk post_build hook: minifies the wasm-bindgen JS glue of a release build in Trunk's staging
// directory, before it becomes dist/. The glue ships to every visitor with the wasm; minified
// it is about 2 KB brotli smaller. Trunk's own minifier cannot parse the glue's
// `export { … as default }`, so terser does it. First the unused stream adapters go
// (drop-streams.mjs) and the wasm's imports get short names in both files (short-imports.mjs).
// Debug builds keep readable glue.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { minify } from "terser";
import { dropStreams } from "./drop-streams.mjs";
import { shortenImports } from "./short-imports.mjs";

if (process.env.TRUNK_PROFILE === "release") {
  const staging = process.env.TRUNK_STAGING_DIR;
  for (const name of await readdir(staging)) {
    if (!name.endsWith(".js")) continue;
    const path = join(staging, name);
    const wasmPath = join(staging, name.replace(/\.js$/, "_bg.wasm"));
    const unstreamed = dropStreams(await readFile(wasmPath), await readFile(path, "utf8"));
    const short = shortenImports(unstreamed.wasm, unstreamed.js);
    await writeFile(wasmPath, short.wasm);
    const source = short.js;
    // The import object's keys name the wasm's imports, and the exports are the loader's
    // contract: both survive because terser never renames properties or exported names.
    const { code } = await minify(source, { module: true, compress: true, mangle: true });
    await writeFile(path, code);
    console.log(`minified ${name}: ${source.length} -> ${code.length} bytes`);
  }
}
