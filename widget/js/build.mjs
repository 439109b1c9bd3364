// Writes the shipped loader: widget/js/delivery-options.js with the default theme
// (widget/css/delivery-options.css) inlined, both stripped of comments and spare whitespace.
// Run by `./x build-widget`:  node widget/js/build.mjs <out-dir>
// A plain script rather than a bundler: two files, one substitution.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) throw new Error('usage: node widget/js/build.mjs <out-dir>');
const here = new URL('.', import.meta.url);
const read = (path) => readFileSync(new URL(path, here), 'utf8');

const css = read('../css/delivery-options.css')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .replace(/\s*([{}:;,>])\s*/g, '$1')
  .replace(/;}/g, '}')
  .trim();

const marker = "'/*__DELIVERY_OPTIONS_CSS__*/'";
const source = read('delivery-options.js');
if (!source.includes(marker)) throw new Error(`widget/js/delivery-options.js lost its ${marker} marker`);
// Comments and indentation only: the loader is small, and its code is read as written.
const loader = source
  .replace(marker, () => JSON.stringify(css))
  .split('\n')
  .filter((line) => !/^\s*(\/\/|\/\*\*.*\*\/\s*$)/.test(line))
  .map((line) => line.trim())
  .filter(Boolean)
  .join('\n');
writeFileSync(join(out, 'delivery-options.js'), loader + '\n');
