// Shrinks a release build's wasm-bindgen JS glue and its wasm together: the unused stream
// adapters go (drop-streams.mjs), the wasm's imports get short names in both files
// (short-imports.mjs), then terser minifies the glue, about 2 KB brotli less for every visitor.
import { minify } from "terser";
import { dropStreams } from "./drop-streams.mjs";
import { shortenImports } from "./short-imports.mjs";

/** The glue `js` (text) and its `wasm` (bytes), both made smaller; they only work together. */
export async function minifyGlue(wasm, js) {
  const unstreamed = dropStreams(wasm, js);
  const short = shortenImports(unstreamed.wasm, unstreamed.js);
  // The import object's keys name the wasm's imports, and the exports are the loader's
  // contract: both survive because terser never renames properties or exported names.
  const { code } = await minify(short.js, { module: true, compress: true, mangle: true });
  return { wasm: short.wasm, js: code };
}
