// The demo as shipped: the edge with wrangler.toml's own shop (its BRING, POSTNORD and
// FALLBACK_OPTIONS tables), pointed at the sandbox as `./x demo` does, serves the storefront and
// answers with both carriers' options; with every carrier down it shows wrangler.toml's fallback.
// PostNord's logo is the sandbox's stand-in mark, set as `./x demo` sets it
// (tests/sandbox/demo-logos.mjs).

import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startEdge } from './lib/edge.mjs';
import { SANDBOX_SECRETS, startSandbox } from './lib/sandbox.mjs';
import { sandboxLogoUrl, withSandboxLogo, wranglerTable } from '../sandbox/demo-logos.mjs';
import { clockVars } from './lib/clock.mjs';
import { SENTENCE_START, answersSeen, assertNoSecretIn, call, quote, request, warningsOf } from './lib/checkout.mjs';

/**
 * The ids of wrangler.toml's fallback options for `country`: every `id = "…"` on the
 * `COUNTRY = [...]` line of its `[vars.FALLBACK_OPTIONS]` table (Node has no TOML reader).
 */
function demoFallbackIds(country) {
  const toml = readFileSync(path.join(ROOT, 'wrangler.toml'), 'utf8');
  const table = toml.split(/^\[vars\.FALLBACK_OPTIONS\]\s*$/m)[1]?.split(/^\[/m)[0] ?? '';
  const line = table.split('\n').find((l) => l.startsWith(`${country} = [`)) ?? '';
  return [...line.matchAll(/\bid\s*=\s*"([^"]+)"/g)].map((m) => m[1]).sort();
}

let sandbox;
let edge;

before(async () => {
  sandbox = await startSandbox();
  const postnord = withSandboxLogo(await wranglerTable('POSTNORD'), sandbox.url, 'postnord');
  edge = await startEdge({
    // Every carrier URL at the sandbox, PostPlus's too (the demo leaves PostPlus unset): the
    // pinned calendar is refused while any carrier URL leaves this machine.
    vars: { BRING_BASE_URL: sandbox.url, POSTNORD_BASE_URL: sandbox.url, POSTPLUS_BASE_URL: sandbox.url, POSTNORD: JSON.stringify(postnord), ...clockVars(), ...SANDBOX_SECRETS },
  });
});

after(async () => {
  await edge?.stop();
  await sandbox?.stop();
});

afterEach(() => sandbox.clearFaults());

test('the storefront is served on the same origin as the API', async () => {
  const answer = await call(`${edge.url}/`, { method: 'GET' });
  assert.equal(answer.status, 200, answer.text.slice(0, 500));
  assert.match(answer.headers['content-type'], /^text\/html/);
  assert.match(answer.text, /<html/i);
});

test('NO 0150 gets Bring and PostNord options from the sandbox, in Norwegian, with no warning', async () => {
  const answer = await quote(edge, request('NO', '0150'));
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(warningsOf(answer.json), []);
  const carriers = new Set(answer.json.options.map((option) => option.carrier));
  assert.deepEqual([...carriers].sort(), ['bring', 'postnord']);
  for (const option of answer.json.options) {
    // No locale in the request: the recipient country's (nb for NO).
    assert.match(option.delivery_time_text ?? '', SENTENCE_START.nb, `${option.id}: ${option.delivery_time_text}`);
  }
});

test('PostNord\'s options show the sandbox\'s stand-in mark, which it serves as SVG', async () => {
  const answer = await quote(edge, request('NO', '0150'));
  assert.equal(answer.status, 200, answer.text);
  const logos = answer.json.options.map((option) => [option.carrier, option.logo_url]);
  const expected = sandboxLogoUrl(sandbox.url, 'postnord');
  assert.equal(expected, `${sandbox.url}/logos/postnord.svg`);
  const postnord = logos.filter(([carrier]) => carrier === 'postnord');
  assert.ok(postnord.length > 0, JSON.stringify(logos));
  assert.deepEqual(postnord, postnord.map(() => ['postnord', expected]));
  for (const carrier of ['postnord', 'postplus']) {
    const mark = await fetch(sandboxLogoUrl(sandbox.url, carrier));
    assert.equal(mark.status, 200, carrier);
    assert.equal(mark.headers.get('content-type'), 'image/svg+xml', carrier);
    assert.match(await mark.text(), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, carrier);
  }
});

test('every carrier down → wrangler.toml\'s fallback options for the country', async () => {
  const expected = demoFallbackIds('NO');
  assert.ok(expected.length > 0, 'wrangler.toml has no FALLBACK_OPTIONS for NO');
  await sandbox.fault('bring', 'status', { status: 500 });
  await sandbox.fault('postnord', 'status', { status: 500 });
  const answer = await quote(edge, request('NO', '4010'));
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(answer.json.options.map((option) => option.id).sort(), expected);
  assert.deepEqual(warningsOf(answer.json), [
    { carrier: 'bring', code: 'unavailable' },
    { carrier: 'postnord', code: 'unavailable' },
    { carrier: 'shop', code: 'fallback' },
  ]);
});

test('no answer in this file carries a secret', () => {
  assertNoSecretIn(answersSeen, SANDBOX_SECRETS);
});
