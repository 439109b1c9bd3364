// Where the Worker's own CPU goes: a V8 sampling profile of its isolate, taken through the
// inspector `wrangler dev --inspector-port` opens (the DevTools protocol), while `work` runs.
// A Worker's clock stands still while its code runs, so its own `server-timing` cannot show
// CPU; this can. Sampling slows the code it watches, so the shares are what to read; the time
// ours adds is section 1's figure.

import { readFileSync, existsSync } from 'node:fs';
import { namesByIndex } from '../../edge/js/wasm.mjs';

/** What a sample's function is doing, tried in order: the first whose pattern matches. */
const CATEGORIES = [
  ['reading JSON (serde_json, each type\'s Deserialize)', /serde_json::de|serde_json::read|serde_json::lexical|Deserializ|Visitor|MapAccess|SeqAccess|EnumAccess|objects_only|carriers::read::/],
  ['writing JSON', /serde_json::ser|Serializ|format_escaped_str|json_text/],
  ['memory (allocation, copies, drops)', /dlmalloc|__rust_alloc|__rust_dealloc|__rust_realloc|RawVec|memcpy|memmove|memset|drop_in_place|::clone::Clone|as core::ops::drop::Drop|alloc::string|alloc::vec|extend_from_slice|__externref/],
  ['carriers\' and answers\' logic (shared)', /^<?shared::/],
  ['futures and the wasm ↔ JavaScript glue', /js_sys::futures|\(runtime\) queueMicrotask|wasm_bindgen|futures_util|futures_core|js-to-wasm|wasm-to-js|^<?worker::|^<?web_sys::|^<?js_sys::|\{\{closure\}\}|\(JavaScript glue\)/],
  ['the edge\'s own code (routes, fan-out, keys)', /^<?edge::|sha2|hex::/],
  ['the runtime\'s calls (fetch, streams, headers, timers)', /^\(runtime\) /],
  ['V8 itself (compiling, garbage collection)', /^\((program|garbage collector)\)$/],
];

/**
 * Profiles the isolate behind `inspectorPort` while `work()` runs; resolves to
 * `{ busyMs, categories: [[name, ms]], top: [[name, ms]] }`, `ms` per `runs` (the runs `work` makes),
 * idle time left out. Wasm functions are named from `namedWasm` (the build's copy with names).
 */
export async function profileWhile(inspectorPort, namedWasm, runs, work) {
  const names = existsSync(namedWasm) ? namesByIndex(readFileSync(namedWasm)) : new Map();
  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  // wrangler's inspector proxy takes loopback origins only.
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl, { headers: { Origin: 'http://127.0.0.1' } });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve);
    socket.addEventListener('error', () => reject(new Error('the Worker\'s inspector refused the connection')));
  });
  let id = 0;
  const pending = new Map();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  const call = (method, params = {}) => new Promise((resolve) => {
    pending.set(++id, resolve);
    socket.send(JSON.stringify({ id, method, params }));
  });
  try {
    // The Debugger domain gives the scripts' sources, to name the glue's functions by the import
    // they implement (the bundle is minified).
    await call('Debugger.enable');
    await call('Profiler.enable');
    await call('Profiler.setSamplingInterval', { interval: 200 });
    await call('Profiler.start');
    await work();
    const { profile } = await call('Profiler.stop');
    const sources = new Map();
    for (const node of profile.nodes) {
      const { scriptId, url } = node.callFrame;
      if (url && !url.includes('wasm') && scriptId && !sources.has(scriptId)) {
        sources.set(scriptId, (await call('Debugger.getScriptSource', { scriptId }))?.scriptSource ?? '');
      }
    }
    return summarize(profile, names, sources, runs);
  } finally {
    socket.close();
  }
}

function summarize(profile, names, sources, runs) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const name = nameOf(nodes.get(profile.samples[i]).callFrame, names, sources);
    if (name === '(idle)' || name === '(root)') continue;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000 / runs);
  }
  const busyMs = [...self.values()].reduce((sum, ms) => sum + ms, 0);
  const categories = new Map([...CATEGORIES.map(([name]) => [name, 0]), ['other', 0]]);
  for (const [name, ms] of self) {
    const category = CATEGORIES.find(([, pattern]) => pattern.test(name))?.[0] ?? 'other';
    categories.set(category, categories.get(category) + ms);
  }
  return {
    busyMs,
    categories: [...categories].sort((a, b) => b[1] - a[1]),
    top: [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 10)),
  };
}

/**
 * A readable name: wasm functions by the name section, the runtime's built-ins marked as such,
 * the glue's functions by the wasm-bindgen import they implement (`__wbg_read`).
 */
function nameOf(frame, names, sources) {
  const wasm = /^wasm-function\[(\d+)\]$/.exec(frame.functionName);
  if (wasm) return (names.get(Number(wasm[1])) ?? frame.functionName).replace(/::h[0-9a-f]{16}$/, '');
  if (frame.functionName.startsWith('(')) return frame.functionName;
  if (frame.url === '') return `(runtime) ${frame.functionName || 'anonymous'}`;
  if (/^(js-to-wasm|wasm-to-js)/.test(frame.functionName)) return frame.functionName;
  return `(JavaScript glue) ${glueName(sources.get(frame.scriptId) ?? '', frame.lineNumber, frame.columnNumber)}`;
}

/** The wasm-bindgen import whose function starts nearest before a position in the glue's source. */
function glueName(source, line, column) {
  const text = source.split('\n')[line] ?? '';
  const before = text.slice(0, column);
  const imports = [...before.matchAll(/(__wbg_[A-Za-z]+(?:_[A-Za-z]+)*?)_[0-9a-f]{16}\b/g)];
  const last = imports.at(-1);
  // Far from any import (over 300 characters): a helper of the glue's own, not an import.
  if (!last || column - last.index > 300) return `at ${line + 1}:${column + 1}`;
  return last[1];
}
