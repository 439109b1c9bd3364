// The deployable bundle builds offline: `wrangler deploy --dry-run --outdir <dir>` exits 0 and
// leaves the Worker's JavaScript and wasm there, without a Cloudflare account or the network; and
// it stays under its size budget, so growth cannot creep in unseen (`./x bench edge` says what the
// wasm is made of).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUNDLE_BUDGET_BYTES, dryRunBundle, kib } from './lib/bundle.mjs';

const bundle = dryRunBundle();

test('wrangler deploy --dry-run --outdir builds the bundle offline', async () => {
  const { code, log, files } = await bundle;
  assert.equal(code, 0, log);
  const names = files.map((f) => f.file);
  assert.ok(names.some((file) => file.endsWith('.js')), `no .js in ${names}`);
  assert.ok(names.some((file) => file.endsWith('.wasm')), `no .wasm in ${names}`);
  for (const { file, raw } of files) assert.ok(raw > 0, `${file} is empty`);
});

test(`the bundle's wasm and JavaScript stay within ${kib(BUNDLE_BUDGET_BYTES)} gzip -9`, async () => {
  const { code, log, files, totalGzip } = await bundle;
  assert.equal(code, 0, log);
  const each = files.map(({ file, raw, gzip }) => `${file}: ${kib(raw)} raw, ${kib(gzip)} gzip -9`).join('; ');
  assert.ok(
    totalGzip <= BUNDLE_BUDGET_BYTES,
    `the bundle is ${kib(totalGzip)} gzip -9 (${totalGzip} bytes), over its budget of ` +
      `${kib(BUNDLE_BUDGET_BYTES)}: ${each}. \`./x bench edge\` lists what the wasm is made of.`,
  );
});
