// Trunk post_build hook: minifies the wasm-bindgen JS glue of a release build in Trunk's staging
// directory, before it becomes dist/. The glue ships to every visitor with the wasm; minified
// it is about 2 KB brotli smaller. Trunk's own minifier cannot parse the glue's
// `export { … as default }`, so terser does it. Debug builds keep readable glue.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { minify } from "terser";

if (process.env.TRUNK_PROFILE === "release") {
  const staging = process.env.TRUNK_STAGING_DIR;
  for (const name of await readdir(staging)) {
    if (!name.endsWith(".js")) continue;
    const path = join(staging, name);
    const source = await readFile(path, "utf8");
    // The import object's keys name the wasm's imports, and the exports are the loader's
    // contract: both survive because terser never renames properties or exported names.
    const { code } = await minify(source, { module: true, compress: true, mangle: true });
    await writeFile(path, code);
    console.log(`minified ${name}: ${source.length} -> ${code.length} bytes`);
  }
}
