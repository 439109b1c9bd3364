// Writes the shipped JavaScript, run by `./x build-widget`:
//   node widget/js/build.mjs <wasm-bindgen-out-dir> <out-dir>
// - the loader: widget/js/delivery-options.js with the default theme (widget/css/) inlined;
// - the glue: wasm-bindgen's delivery_options.js with the files it imports from `snippets/`
//   (widget/js/tree.js) inlined, so the browser fetches loader, glue and wasm and nothing else.
// Both minified by esbuild (the pinned one from package.json), the theme too: what ships is
// what a shopper downloads, and the readable sources are in the repository.
import { readFileSync, writeFileSync } from 'node:fs';
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

const css = minify(read('../css/delivery-options.css'), 'css').trim();
const marker = "'/*__DELIVERY_OPTIONS_CSS__*/'";
const source = read('delivery-options.js');
if (!source.includes(marker)) throw new Error(`widget/js/delivery-options.js lost its ${marker} marker`);
writeFileSync(join(out, 'delivery-options.js'), minify(source.replace(marker, () => JSON.stringify(css))));

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
writeFileSync(join(out, 'delivery_options.js'), minify(glue));
