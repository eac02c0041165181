// Builds what browsers download, as `peerhelp serve` serves it: the widget into dist/ (its JS
// glue and wasm, CSS compiled in) and the staff console into console/dist/ (its page, glue,
// wasm and stylesheet). Every file gets a content hash in its name, so the server can let
// browsers cache it forever. `node scripts/web/build.mjs`; scripts/setup.sh installs the tools
// it runs (cargo's wasm32 target, wasm-bindgen, wasm-opt) and terser.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { minifyGlue } from "./minify.mjs";

const root = join(import.meta.dirname, "../..");
const PROFILE = "wasm-release";

const apps = [
  {
    crate: "peerhelp-widget",
    // A cdylib: cargo names its wasm with an underscore.
    artifact: "peerhelp_widget.wasm",
    dist: "dist",
    // `-O1`, then these passes in this order: merging similar functions first folds Leptos'
    // many near-identical generic copies, then binaryen's size pipeline. 4.8 KB brotli less
    // than `-Oz` alone, measured on the same build.
    wasmOpt: ["-O1", "--merge-similar-functions", "--flatten", "--rereloop", "-Oz", "-Oz", "-Oz"],
  },
  {
    crate: "peerhelp-console",
    artifact: "peerhelp-console.wasm",
    dist: "console/dist",
    wasmOpt: ["-Oz"],
    // The page, whose references to these files get their hashed names.
    page: "console/index.html",
    stylesheets: ["console/style.css"],
  },
];

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: "inherit" });
}

/** The first 16 hex digits of the SHA-256 of `contents`, for file names. */
function digest(contents) {
  return createHash("sha256").update(contents).digest("hex").slice(0, 16);
}

async function build(app, work) {
  const wasmPath = join(root, "target/wasm32-unknown-unknown", PROFILE, app.artifact);
  const out = join(work, app.crate);
  run("wasm-bindgen", [
    "--target=web",
    "--no-typescript",
    `--out-dir=${out}`,
    `--out-name=${app.crate}`,
    wasmPath,
  ]);
  if (existsSync(join(out, "snippets"))) {
    throw new Error(`${app.crate} has JS snippets, which this build does not serve`);
  }
  const bindgenWasm = join(out, `${app.crate}_bg.wasm`);
  const optimized = join(out, "optimized.wasm");
  run("wasm-opt", [bindgenWasm, ...app.wasmOpt, "-o", optimized]);
  const glue = await minifyGlue(
    readFileSync(optimized),
    readFileSync(join(out, `${app.crate}.js`), "utf8"),
  );
  // One hash for the glue and its wasm: they only work as a pair. Each file is keyed by the
  // name the page refers to it by.
  const pair = `${app.crate}-${digest(Buffer.concat([Buffer.from(glue.js), glue.wasm]))}`;
  const files = new Map([
    [`${app.crate}.js`, { name: `${pair}.js`, contents: glue.js }],
    [`${app.crate}_bg.wasm`, { name: `${pair}_bg.wasm`, contents: glue.wasm }],
  ]);
  for (const sheet of app.stylesheets ?? []) {
    const contents = readFileSync(join(root, sheet));
    const name = basename(sheet);
    files.set(name, { name: name.replace(/\.css$/, `-${digest(contents)}.css`), contents });
  }
  const dist = join(root, app.dist);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  for (const file of files.values()) writeFileSync(join(dist, file.name), file.contents);
  if (app.page) {
    let page = readFileSync(join(root, app.page), "utf8");
    for (const [name, file] of files) {
      if (!page.includes(`/${name}"`)) throw new Error(`${app.page} does not reference ${name}`);
      page = page.replaceAll(`/${name}"`, `/${file.name}"`);
    }
    writeFileSync(join(dist, "index.html"), page);
  }
  const written = [...files.values()].map((file) => `${app.dist}/${file.name}`);
  console.log(`${app.crate}: ${written.join(", ")}`);
}

// One cargo run for both crates: their dependencies (Leptos above all) compile once.
run("cargo", [
  "build",
  "--locked",
  "--target=wasm32-unknown-unknown",
  `--profile=${PROFILE}`,
  ...apps.flatMap((app) => ["-p", app.crate]),
]);
const work = mkdtempSync(join(tmpdir(), "peerhelp-web-"));
try {
  for (const app of apps) await build(app, work);
} finally {
  rmSync(work, { recursive: true, force: true });
}
