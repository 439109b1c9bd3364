// PostNord's OAuth2 token (client credentials): fetched once and reused while valid, refreshed
// shortly before it expires, one refresh at a time for concurrent requests, and retried once
// with a fresh token when PostNord answers 401 to the one the edge holds.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEdge } from './lib/edge.mjs';
import { SANDBOX_SECRETS, startSandbox } from './lib/sandbox.mjs';
import { EXPECTED, edgeVars, optionIds, quote, request, warningsOf } from './lib/checkout.mjs';

let sandbox;
let edge;

before(async () => {
  sandbox = await startSandbox();
  edge = await startEdge({
    vars: edgeVars(sandbox, { deadlineMs: 2500, answerCacheSeconds: 0, lastGoodSeconds: 0, secrets: SANDBOX_SECRETS }),
  });
});

after(async () => {
  await edge?.stop();
  await sandbox?.stop();
});

/** Asks for NO 0150 and checks PostNord answered in full with no warning. */
async function postnordAnswers(postalCode = '0150') {
  const answer = await quote(edge, request('NO', postalCode, { locale: 'nb' }));
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(warningsOf(answer.json), []);
  assert.deepEqual(optionIds(answer.json, 'postnord'), EXPECTED.NO.postnord);
  return answer;
}

test('a token is fetched once and reused for later requests', async () => {
  await postnordAnswers();
  const before = await sandbox.calls();
  await postnordAnswers();
  await postnordAnswers();
  const since = await sandbox.callsSince(before);
  assert.equal(since['postnord.token'] ?? 0, 0, JSON.stringify(since));
  assert.equal(since['postnord.delivery_options'], 2, JSON.stringify(since));
});

test('a token PostNord no longer accepts is replaced once and the call retried', async () => {
  await postnordAnswers();
  const before = await sandbox.calls();
  const revoked = await fetch(`${sandbox.url}/__sandbox/postnord/tokens`, { method: 'DELETE' });
  assert.equal(revoked.status, 204);

  await postnordAnswers();
  const since = await sandbox.callsSince(before);
  // The refused call, one new token, the retried call.
  assert.equal(since['postnord.token'], 1, JSON.stringify(since));
  assert.equal(since['postnord.delivery_options'], 2, JSON.stringify(since));
  const sent = await sandbox.last('postnord.delivery_options');
  assert.match(sent.headers.authorization ?? '', /^Bearer \S+$/);
});

test('a token about to expire is refreshed before use, once for many concurrent requests', async () => {
  // Tokens issued from now on live 2 s; the edge refreshes a token from half its lifetime on.
  const lifetime = await fetch(`${sandbox.url}/__sandbox/postnord/token`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ expires_in: 2 }),
  });
  assert.equal(lifetime.status, 204);
  // Revoke the long-lived token the edge holds, so its next token is a short-lived one.
  assert.equal((await fetch(`${sandbox.url}/__sandbox/postnord/tokens`, { method: 'DELETE' })).status, 204);
  await postnordAnswers('0151');
  await new Promise((resolve) => setTimeout(resolve, 1200));

  const before = await sandbox.calls();
  // Ten different questions at once (no coalescing of the carrier calls): one token refresh,
  // made before the calls, so none of them is refused.
  const codes = ['0152', '0153', '0154', '0155', '0156', '0157', '0158', '0159', '0160', '0161'];
  await Promise.all(codes.map((code) => postnordAnswers(code)));
  const since = await sandbox.callsSince(before);
  assert.equal(since['postnord.token'], 1, JSON.stringify(since));
  assert.equal(since['postnord.delivery_options'], 10, JSON.stringify(since));
});
