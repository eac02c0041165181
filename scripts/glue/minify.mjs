// Trunk post_build hook: minifies the wasm-bindgen JS glue of a release build in Trunk's staging
// directory, before it becomes dist/. The glue ships to every visitor with the wasm; minified
// it is about 2 KB brotli smaller. Trunk's own minifier cannot parse the glue's
// `export { … as default }`, so terser does it. First the unused stream adapters go
// (drop-streams.mjs) and the wasm's imports get short names in both files (short-imports.mjs).
// The dev page's integrity hashes are then made to match the files again. Debug builds keep
// readable glue.
import { createHash } from "node:crypto";
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
    await updateIntegrity(staging, name, code);
    await updateIntegrity(staging, name.replace(/\.js$/, "_bg.wasm"), short.wasm);
  }
}

/** Sets the `integrity` of the dev page's link to `name` to the hash of `contents`. */
async function updateIntegrity(staging, name, contents) {
  const page = join(staging, "index.html");
  const html = await readFile(page, "utf8").catch(() => null);
  if (html === null) return;
  const hash = "sha384-" + createHash("sha384").update(contents).digest("base64");
  const link = new RegExp(`(href="[^"]*/${name.replace(/\./g, "\\.")}"[^>]*integrity=")[^"]*"`);
  await writeFile(page, html.replace(link, `$1${hash}"`));
}
