// The deployable bundle builds offline: `wrangler deploy --dry-run --outdir <dir>` exits 0 and
// leaves the Worker's JavaScript and wasm there, without a Cloudflare account or the network.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NODE22, ROOT, WRANGLER } from './lib/edge.mjs';

test('wrangler deploy --dry-run --outdir builds the bundle offline', async () => {
  const outdir = mkdtempSync(path.join(process.env.TMPDIR ?? os.tmpdir(), 'edge-bundle-'));
  try {
    const child = spawn(NODE22, [WRANGLER, 'deploy', '--dry-run', '--outdir', outdir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    });
    let log = '';
    child.stdout.on('data', (chunk) => { log += chunk; });
    child.stderr.on('data', (chunk) => { log += chunk; });
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, log);

    const files = readdirSync(outdir, { recursive: true });
    const js = files.filter((file) => file.endsWith('.js'));
    const wasm = files.filter((file) => file.endsWith('.wasm'));
    assert.ok(js.length > 0, `no .js in ${files}`);
    assert.ok(wasm.length > 0, `no .wasm in ${files}`);
    for (const file of [...js, ...wasm]) assert.ok(statSync(path.join(outdir, file)).size > 0, `${file} is empty`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
