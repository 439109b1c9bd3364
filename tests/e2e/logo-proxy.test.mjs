// The logo proxy (LOGO_PROXY): an answer's images under a listed prefix point at the edge's own
// `GET /v1/logo?src=…`, which fetches each once and serves it from the Cache API, with headers
// that keep an SVG inert on the edge's origin; anything not under a prefix is refused without a
// fetch, so the route is no open proxy. The sandbox's stand-in marks (`/logos/`) are the logos;
// Bring's (on mybring.com, not listed) stay as Bring gave them. Off by default:
// delivery-options.test.mjs checks that `/v1/logo` does not exist there.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEdge } from './lib/edge.mjs';
import { SANDBOX_SECRETS, startSandbox } from './lib/sandbox.mjs';
import { TEST_SHOP, answersSeen, assertNoSecretIn, call, edgeVars, quote, request } from './lib/checkout.mjs';

let sandbox;
let edge;
let postnordLogo;

before(async () => {
  sandbox = await startSandbox();
  postnordLogo = `${sandbox.url}/logos/postnord.svg`;
  edge = await startEdge({
    vars: {
      ...edgeVars(sandbox, { deadlineMs: 2500, answerCacheSeconds: 60, lastGoodSeconds: 0, secrets: SANDBOX_SECRETS }),
      POSTNORD: JSON.stringify({ ...TEST_SHOP.POSTNORD, logo_url: postnordLogo }),
      LOGO_PROXY: `${sandbox.url}/logos/`,
    },
  });
});

after(async () => {
  await edge?.stop();
  await sandbox?.stop();
});

/** Where the edge serves `url` from, written as the edge writes it (form-encoded `src`). */
function proxied(url) {
  return `${edge.url}/v1/logo?${new URLSearchParams({ src: url })}`;
}

test('logos under a listed prefix point at the edge; others stay as the carrier gave them', async () => {
  const answer = await quote(edge, request('NO', '0150', { locale: 'nb' }));
  assert.equal(answer.status, 200, answer.text);
  const logos = (carrier) => [...new Set(answer.json.options.filter((o) => o.carrier === carrier).map((o) => o.logo_url))];
  assert.deepEqual(logos('postnord'), [proxied(postnordLogo)]);
  assert.deepEqual(logos('bring'), ['https://www.mybring.com/shipping-guide/assets/img/Posten_logo.svg']);
  // Cached per origin: the same question asked on another host name of the edge names that host.
  const other = await call(`${edge.url.replace('127.0.0.1', 'localhost')}/v1/delivery-options`, {
    body: request('NO', '0150', { locale: 'nb' }),
  });
  assert.equal(other.status, 200, other.text);
  const otherLogos = [...new Set(other.json.options.filter((o) => o.carrier === 'postnord').map((o) => o.logo_url))];
  assert.deepEqual(otherLogos, [proxied(postnordLogo).replace('127.0.0.1', 'localhost')]);
});

test('the edge fetches a logo once and serves it as an inert image', async () => {
  const direct = await fetch(postnordLogo);
  const svg = await direct.text();
  assert.match(svg, /^<svg /);
  const before = await sandbox.calls();
  const first = await call(proxied(postnordLogo), { method: 'GET' });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.text, svg);
  assert.equal(first.headers['content-type'], 'image/svg+xml');
  assert.equal(first.headers['cache-control'], 'public, max-age=86400');
  assert.equal(first.headers['x-content-type-options'], 'nosniff');
  assert.equal(first.headers['content-security-policy'], "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  assert.equal(first.headers['cross-origin-resource-policy'], 'cross-origin');
  // The cache is written just after the answer (waitUntil): give it a moment, then ask again.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const again = await call(proxied(postnordLogo), { method: 'GET' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.text, svg);
  assert.deepEqual(await sandbox.callsSince(before), { logos: 1 });
});

test('a URL under no listed prefix is refused naming src, and nothing is fetched', async () => {
  const before = await sandbox.calls();
  for (const src of [
    `${sandbox.url}/__sandbox/calls`,
    `${sandbox.url}/logos/../__sandbox/calls`,
    `${sandbox.url}/logos/%2e%2e/__sandbox/calls`,
    'https://www.mybring.com/shipping-guide/assets/img/Posten_logo.svg',
  ]) {
    const answer = await call(proxied(src), { method: 'GET' });
    assert.equal(answer.status, 400, `${src}: ${answer.text}`);
    assert.deepEqual(answer.json, {
      error: 'invalid_request',
      field: 'src',
      message: '`src` is not under a URL prefix listed in LOGO_PROXY: this edge serves only those images',
    });
  }
  const missing = await call(`${edge.url}/v1/logo`, { method: 'GET' });
  assert.equal(missing.status, 400, missing.text);
  assert.equal(missing.json.field, 'src');
  assert.deepEqual(await sandbox.callsSince(before), {});
});

test('a logo that is gone is a 502, which the widget shows as the carrier name', async () => {
  const answer = await call(proxied(`${sandbox.url}/logos/gone.svg`), { method: 'GET' });
  assert.equal(answer.status, 502, answer.text);
  assert.equal(answer.json.error, 'upstream_failed');
  const post = await call(proxied(postnordLogo), { method: 'POST', body: '' });
  assert.equal(post.status, 405, post.text);
});

test('no answer in this file carries a secret', () => {
  assert.ok(answersSeen.length >= 8);
  assertNoSecretIn(answersSeen, SANDBOX_SECRETS);
});
