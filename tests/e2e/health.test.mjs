// The edge Worker, running in workerd under `wrangler dev`, answers its health check and a JSON
// 404 over real HTTP. It runs with wrangler.toml's vars (the real carriers' URLs) and the
// test-only `TEST_CLOCK`, which such a configuration must refuse.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startEdge } from './lib/edge.mjs';

// The version the Worker reports is the edge crate's own.
const EDGE_VERSION = readFileSync(path.join(ROOT, 'edge', 'Cargo.toml'), 'utf8')
  .match(/^version\s*=\s*"([^"]+)"/m)[1];

let edge;

before(async () => {
  edge = await startEdge({ vars: { TEST_CLOCK: '2026-12-05T10:00:00+01:00' } });
});

after(async () => {
  await edge?.stop();
});

test('GET /health answers 200 with status and version as JSON', async () => {
  const response = await fetch(`${edge.url}/health`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.equal(await response.text(), JSON.stringify({ status: 'ok', version: EDGE_VERSION }));
});

test('an unknown path answers 404 with a JSON error', async () => {
  const response = await fetch(`${edge.url}/no-such-endpoint`);
  assert.equal(response.status, 404);
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.deepEqual(await response.json(), {
    error: 'not_found',
    message: 'No endpoint answers this method and path.',
  });
});

test('another method on /health is refused with 405 and the method it takes', async () => {
  const response = await fetch(`${edge.url}/health`, { method: 'POST' });
  assert.equal(response.status, 405);
  assert.equal(response.headers.get('allow'), 'GET');
  assert.equal((await response.json()).error, 'method_not_allowed');
});

test('a pinned calendar is refused while a carrier URL leaves this machine', async () => {
  const response = await fetch(`${edge.url}/v1/delivery-options`, {
    method: 'POST',
    body: JSON.stringify({ recipient: { country: 'NO', postal_code: '0150' }, parcels: [{ weight_grams: 1000 }] }),
  });
  assert.equal(response.status, 500);
  assert.deepEqual(await response.json(), {
    error: 'misconfigured',
    message: 'TEST_CLOCK: pins the calendar for tests against a local sandbox only, but BRING_BASE_URL ' +
      'is not on this machine; remove TEST_CLOCK',
  });
});

