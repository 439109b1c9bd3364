// PostNord is asked with its apikey only. Delivery Options and Service Points document no other
// scheme (their OpenAPI; reference notes: "do not use OAuth"), and the sandbox refuses an
// Authorization header there, as a misreading. So even with OAuth client secrets configured and
// PostNord's token endpoint down, every PostNord option and place is there, and no token is
// ever asked for.

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
    vars: edgeVars(sandbox, {
      deadlineMs: 2500, answerCacheSeconds: 0, lastGoodSeconds: 0,
      // The client secrets a shop may still have set from an older version: not read.
      secrets: { ...SANDBOX_SECRETS, POSTNORD_CLIENT_ID: 'sandbox-postnord-client', POSTNORD_CLIENT_SECRET: 'sandbox-postnord-secret' },
    }),
  });
});

after(async () => {
  await edge?.stop();
  await sandbox?.stop();
});

test('the token endpoint down costs nothing: every option, no warning, no token asked, no Authorization sent', async () => {
  await sandbox.fault('postnord_token', 'status', { status: 503 });
  const before = await sandbox.calls();
  const answer = await quote(edge, request('NO', '0150', { locale: 'nb' }));
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(warningsOf(answer.json), []);
  assert.deepEqual(optionIds(answer.json, 'postnord'), EXPECTED.NO.postnord);
  const since = await sandbox.callsSince(before);
  assert.deepEqual(
    { token: since['postnord.token'] ?? 0, options: since['postnord.delivery_options'], places: since['postnord.servicepoints'] },
    { token: 0, options: 1, places: 2 },
  );
  for (const operation of ['postnord.delivery_options', 'postnord.servicepoints']) {
    const sent = await sandbox.last(operation);
    assert.equal(sent.headers.authorization, undefined, operation);
    assert.equal(sent.queryParams.apikey, SANDBOX_SECRETS.POSTNORD_API_KEY, operation);
  }
  // Pickup options carry places from Service Points.
  const servicePoint = answer.json.options.find((option) => option.id === 'postnord-service-point');
  assert.ok(servicePoint.locations.length > 1, JSON.stringify(servicePoint.locations));
});
