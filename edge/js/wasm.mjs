// Reading a wasm module's sections, for `./x build-edge` (which ships the Worker's wasm without its
// name section) and `./x bench edge` (which says what the wasm is made of, by crate and function,
// from the copy that keeps the names).
//
// A hand-written reader rather than a dependency: the binary format's section list is a few LEB128
// numbers, and dropping a whole section leaves every other byte as it was, so the shipped code is
// exactly the code that was optimised and tested.

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export',
  'start', 'element', 'code', 'data', 'datacount', 'tag'];

/** The sections of `bytes`, in order: `{ id, name, start, end }`, `start..end` being the payload. */
export function sections(bytes) {
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const found = [];
  let at = 8;
  while (at < bytes.length) {
    const header = at;
    const id = bytes[at++];
    let size;
    [size, at] = leb128(bytes, at);
    let name = SECTION_NAMES[id] ?? `section ${id}`;
    if (id === 0) {
      const [length, nameAt] = leb128(bytes, at);
      name = `custom "${bytes.toString('utf8', nameAt, nameAt + length)}"`;
    }
    found.push({ id, name, header, start: at, end: at + size });
    at += size;
  }
  return found;
}

/** `bytes` without its custom sections called `name` (such as "name"); every other byte as it was. */
export function withoutCustomSection(bytes, name) {
  const kept = [bytes.subarray(0, 8)];
  for (const section of sections(bytes)) {
    if (section.name !== `custom "${name}"`) kept.push(bytes.subarray(section.header, section.end));
  }
  return Buffer.concat(kept);
}

/**
 * Each defined function's body size in bytes, with its name from the name section (demangled
 * Rust paths when wasm-bindgen kept them; `function[N]` otherwise): `[{ name, bytes }]`.
 */
export function functionSizes(bytes) {
  const all = sections(bytes);
  const imported = importedFunctions(bytes, all.find((s) => s.id === 2));
  const names = functionNames(bytes, all.find((s) => s.name === 'custom "name"'));
  const code = all.find((s) => s.id === 10);
  if (!code) return [];
  const functions = [];
  let [count, at] = leb128(bytes, code.start);
  for (let i = 0; i < count; i++) {
    const [size, body] = leb128(bytes, at);
    const index = imported + i;
    functions.push({ name: names.get(index) ?? `function[${index}]`, bytes: body + size - at });
    at = body + size;
  }
  return functions;
}

/** Each function's name by its index (imports counted, as V8 numbers `wasm-function[N]`). */
export function namesByIndex(bytes) {
  return functionNames(bytes, sections(bytes).find((s) => s.name === 'custom "name"'));
}

/**
 * The crate a function's code belongs to, from its demangled name: the first path segment, or for
 * `<Type as Trait>::f` the type's crate (the trait's when the type is a primitive or a generic).
 */
export function crateOf(name) {
  const path = name.replace(/^(?:[<&*(\s]|mut |dyn |const )+/, '');
  const first = /^[A-Za-z_][A-Za-z0-9_]*/.exec(path)?.[0];
  if (/^[a-z_][a-z0-9_]*(?:\[[0-9a-f]+\])?::/.test(path) && !PRIMITIVES.has(first)) return first;
  const trait = / as (?:[<&*]|mut |dyn )*([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name)?.[1];
  if (trait) return trait;
  return PRIMITIVES.has(first) ? 'core' : '(unnamed)';
}

const PRIMITIVES = new Set(['str', 'char', 'bool', 'f32', 'f64', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize',
  'u8', 'u16', 'u32', 'u64', 'u128', 'usize']);

function importedFunctions(bytes, section) {
  if (!section) return 0;
  let [count, at] = leb128(bytes, section.start);
  let functions = 0;
  for (let i = 0; i < count; i++) {
    for (let part = 0; part < 2; part++) {
      const [length, next] = leb128(bytes, at);
      at = next + length;
    }
    const kind = bytes[at++];
    if (kind === 0) {
      functions++;
      [, at] = leb128(bytes, at);
    } else if (kind === 1) {
      at++;
      at = limits(bytes, at);
    } else if (kind === 2) {
      at = limits(bytes, at);
    } else if (kind === 3) {
      at += 2;
    } else if (kind === 4) {
      at++;
      [, at] = leb128(bytes, at);
    } else {
      throw new Error(`unknown import kind ${kind}`);
    }
  }
  return functions;
}

function limits(bytes, at) {
  const flags = bytes[at++];
  [, at] = leb128(bytes, at);
  if (flags & 1) [, at] = leb128(bytes, at);
  return at;
}

function functionNames(bytes, section) {
  const names = new Map();
  if (!section) return names;
  let [length, at] = leb128(bytes, section.start);
  at += length;
  while (at < section.end) {
    const kind = bytes[at++];
    const [size, start] = leb128(bytes, at);
    if (kind === 1) {
      let [count, next] = leb128(bytes, start);
      for (let i = 0; i < count; i++) {
        let index;
        [index, next] = leb128(bytes, next);
        const [nameLength, nameAt] = leb128(bytes, next);
        names.set(index, bytes.toString('utf8', nameAt, nameAt + nameLength));
        next = nameAt + nameLength;
      }
    }
    at = start + size;
  }
  return names;
}

function leb128(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}
