// Gives the wasm's imports short names, in the wasm and in the JS glue alike. wasm-bindgen names
// each import after what it calls plus a 16-digit hash (`__wbg_setAttribute_2a8f647a8d92c712`),
// and both files carry every name: about 160 hashes that no compressor can shrink, twice. The
// names only link the two files, so any names do, as long as both files agree. The exports
// named with a hash (the closure trampolines, `…_invoke__h0785f1c131e79c22`) are shortened
// the same way; the others keep their names.

/** Reads an unsigned LEB128 number at `offset`: `[value, next offset]`. */
export function readLeb(bytes, offset) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, offset];
  }
}

/** `value` as unsigned LEB128 bytes. */
export function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** The `index`th short name: a, b, …, Z, aa, ab, … (valid JS identifiers). */
function shortName(index) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do {
    name = letters[index % letters.length] + name;
    index = Math.floor(index / letters.length) - 1;
  } while (index >= 0);
  return name;
}

/**
 * Renames the function imports of `wasm` (bytes) and the matching keys of the glue's import
 * object in `js`; returns both renamed. Throws, failing the build, if a name is missing from
 * the glue, so a glue layout this does not expect never ships half renamed.
 */
export function shortenImports(wasm, js) {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const sections = [];
  let offset = 8;
  while (offset < wasm.length) {
    const id = wasm[offset];
    const [size, start] = readLeb(wasm, offset + 1);
    sections.push({ id, start, end: start + size, header: offset });
    offset = start + size;
  }
  const imports = sections.find((section) => section.id === 2);
  if (!imports) return { wasm, js };
  let [count, at] = readLeb(wasm, imports.start);
  const body = [...leb(count)];
  const renamed = new Map();
  for (let i = 0; i < count; i++) {
    const [moduleLength, moduleStart] = readLeb(wasm, at);
    const moduleEnd = moduleStart + moduleLength;
    const [fieldLength, fieldStart] = readLeb(wasm, moduleEnd);
    const fieldEnd = fieldStart + fieldLength;
    const kind = wasm[fieldEnd];
    if (kind !== 0) throw new Error(`import ${i} is not a function (kind ${kind})`);
    const [, descEnd] = readLeb(wasm, fieldEnd + 1);
    const field = decoder.decode(wasm.subarray(fieldStart, fieldEnd));
    if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
    const name = encoder.encode(renamed.get(field));
    body.push(...wasm.subarray(at, moduleEnd), ...leb(name.length), ...name);
    body.push(...wasm.subarray(fieldEnd, descEnd));
    at = descEnd;
  }
  const out = [
    ...wasm.subarray(0, imports.header),
    2,
    ...leb(body.length),
    ...body,
    ...wasm.subarray(imports.end),
  ];
  for (const [field, name] of renamed) {
    // Import object keys: `name:` or `name(` (a method), never a substring of another name.
    const key = new RegExp(`(?<![\\w$])${field}(?=\\s*[:(])`, "g");
    const before = js;
    js = js.replace(key, name);
    if (js === before) throw new Error(`import ${field} not found in the JS glue`);
  }
  return shortenHashedExports(withoutCustomSections(Uint8Array.from(out)), js);
}

/**
 * `wasm` without its custom sections (`producers`, `target_features` and wasm-bindgen's
 * leftovers): metadata for tools, which no browser reads.
 */
function withoutCustomSections(wasm) {
  const kept = [wasm.subarray(0, 8)];
  let offset = 8;
  while (offset < wasm.length) {
    const [size, start] = readLeb(wasm, offset + 1);
    if (wasm[offset] !== 0) kept.push(wasm.subarray(offset, start + size));
    offset = start + size;
  }
  return Buffer.concat(kept);
}

/** Renames the exports of `wasm` whose names end in a hash, and every use of them in `js`. */
function shortenHashedExports(wasm, js) {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let offset = 8;
  while (offset < wasm.length && wasm[offset] !== 7) {
    const [size, start] = readLeb(wasm, offset + 1);
    offset = start + size;
  }
  if (offset >= wasm.length) return { wasm, js };
  const header = offset;
  const [size, start] = readLeb(wasm, offset + 1);
  let [count, at] = readLeb(wasm, start);
  const body = [...leb(count)];
  let renamed = 0;
  for (let i = 0; i < count; i++) {
    const [nameLength, nameStart] = readLeb(wasm, at);
    const nameEnd = nameStart + nameLength;
    const [, descEnd] = readLeb(wasm, nameEnd + 1);
    let name = decoder.decode(wasm.subarray(nameStart, nameEnd));
    if (/_h[0-9a-f]{16}(_\d+)?$/.test(name)) {
      const short = "$" + shortName(renamed++);
      const uses = new RegExp(`(?<![\\w$])${name}(?![\\w$])`, "g");
      if (!uses.test(js)) throw new Error(`export ${name} not found in the JS glue`);
      js = js.replace(uses, short);
      name = short;
    }
    const bytes = encoder.encode(name);
    body.push(...leb(bytes.length), ...bytes, ...wasm.subarray(nameEnd, descEnd));
    at = descEnd;
  }
  const out = [
    ...wasm.subarray(0, header),
    7,
    ...leb(body.length),
    ...body,
    ...wasm.subarray(start + size),
  ];
  return { wasm: Uint8Array.from(out), js };
}
