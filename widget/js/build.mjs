// Writes what the widget ships, run by `./x build-widget`:
//   node widget/js/build.mjs <wasm-bindgen-out-dir> <out-dir>
// - <out-dir>/v/<hash>/delivery_options.js: wasm-bindgen's glue with the files it imports from
//   `snippets/` (widget/js/tree.js) inlined, so the browser fetches loader, glue and wasm and
//   nothing else;
// - <out-dir>/v/<hash>/delivery_options_bg.wasm: the wasm (wasm-opt's output);
// - <out-dir>/delivery-options.js: the loader, widget/js/delivery-options.js, with the default
//   theme (widget/css/) inlined and the two files' paths under v/<hash>/.
// The hash is of the glue and the wasm together: a shop embeds the loader by a fixed URL, so it
// is revalidated on every visit, but the files it names never change under their names and are
// cached for a year (edge/assets/_headers), and a glue can never meet another build's wasm.
// JavaScript and the theme are minified by esbuild (the pinned one from package.json): what ships
// is what a shopper downloads; the readable sources are in the repository.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const [bindgen, out] = process.argv.slice(2);
if (!bindgen || !out) throw new Error('usage: node widget/js/build.mjs <wasm-bindgen-out-dir> <out-dir>');
const here = new URL('.', import.meta.url);
const read = (path) => readFileSync(new URL(path, here), 'utf8');
// ES2022: class fields and private methods, which the loader uses; every browser with
// form-associated custom elements has them.
const minify = (code, loader = 'js') =>
  transformSync(code, { loader, minify: true, target: 'es2022', format: loader === 'js' ? 'esm' : undefined }).code;

// `import { a, b } from './snippets/…/x.js';` becomes x.js's code with its `export`s dropped.
// Snippets are our own files (widget/js/), written as plain function declarations for this.
const snippet = /^import \{ ([\w, ]+) \} from '(\.\/snippets\/[^']+)';$/gm;
const glue = readFileSync(join(bindgen, 'delivery_options.js'), 'utf8').replace(snippet, (_, names, file) => {
  const code = readFileSync(join(bindgen, file), 'utf8').replace(/^export (?=function )/gm, '');
  for (const name of names.split(', ')) {
    if (!new RegExp(`^function ${name}\\(`, 'm').test(code)) {
      throw new Error(`${file} does not declare function ${name}, which the glue imports`);
    }
  }
  return code;
});
if (/^import /m.test(glue)) throw new Error('the glue still imports a file the widget does not ship');
const shippedGlue = minify(glue);
const wasm = readFileSync(join(bindgen, 'delivery_options_bg.opt.wasm'));
const hash = createHash('sha256').update(shippedGlue).update(wasm).digest('hex').slice(0, 16);

// Only this build's files: an old build's (and the unhashed names of earlier layouts) go.
for (const old of ['v', 'delivery_options.js', 'delivery_options_bg.wasm']) {
  rmSync(join(out, old), { recursive: true, force: true });
}
mkdirSync(join(out, 'v', hash), { recursive: true });
writeFileSync(join(out, 'v', hash, 'delivery_options.js'), shippedGlue);
writeFileSync(join(out, 'v', hash, 'delivery_options_bg.wasm'), wasm);

const css = minify(read('../css/delivery-options.css'), 'css').trim();
let loader = read('delivery-options.js');
for (const [from, to] of [
  ["'/*__DELIVERY_OPTIONS_CSS__*/'", JSON.stringify(css)],
  ["'./delivery_options.js'", `'./v/${hash}/delivery_options.js'`],
  ["'./delivery_options_bg.wasm'", `'./v/${hash}/delivery_options_bg.wasm'`],
]) {
  if (loader.split(from).length !== 2) throw new Error(`widget/js/delivery-options.js must hold ${from} once`);
  loader = loader.replace(from, () => to);
}
writeFileSync(join(out, 'delivery-options.js'), minify(loader));
