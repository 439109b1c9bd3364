// `node edge/js/strip-names.mjs IN OUT`: writes IN to OUT without its name section (`./x build-edge`).
//
// worker-build runs wasm-opt with `--debuginfo`, which keeps the name section: 0.3 MB of function
// names, 78 KB of the bundle after gzip, that only a profiler or a stack trace reads, and a
// Worker's size is paid at every cold start. `./x` keeps the named copy in target/ for those.

import { readFileSync, writeFileSync } from 'node:fs';
import { withoutCustomSection } from './wasm.mjs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node edge/js/strip-names.mjs IN.wasm OUT.wasm');
  process.exit(2);
}
writeFileSync(output, withoutCustomSection(readFileSync(input), 'name'));
