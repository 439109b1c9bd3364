// Wrong credentials for one carrier (the sandbox refuses them as the carrier would: Bring 403,
// PostNord 403) cost only that carrier: the other's options arrive by the deadline with one
// `unauthorized` warning, and neither the right nor the wrong secrets appear in any answer.
//
// Secrets are per Worker, so each case has its own edge; they run one after the other.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEdge } from './lib/edge.mjs';
import { SANDBOX_SECRETS, startSandbox } from './lib/sandbox.mjs';
import {
  EXPECTED, WRONG_SECRETS, answersSeen, assertNoSecretIn, edgeVars, optionIds, quote, request, warningsOf,
} from './lib/checkout.mjs';

const DEADLINE_MS = 1500;
const MARGIN_MS = 1000;

// [what is wrong, the carrier refused, the wrong secrets, the sandbox operation that saw them and
// how to read them from its recorded request]
const CASES = [
  ['Bring API user and key', 'bring',
    { BRING_API_UID: WRONG_SECRETS.BRING_API_UID, BRING_API_KEY: WRONG_SECRETS.BRING_API_KEY },
    'bring.products', (sent) => sent.headers['x-mybring-api-key'], WRONG_SECRETS.BRING_API_KEY],
  ['PostNord apikey', 'postnord',
    { POSTNORD_API_KEY: WRONG_SECRETS.POSTNORD_API_KEY },
    'postnord.delivery_options', (sent) => sent.queryParams.apikey, WRONG_SECRETS.POSTNORD_API_KEY],
];
const OTHER = { bring: 'postnord', postnord: 'bring' };

let sandbox;

before(async () => {
  sandbox = await startSandbox();
});

after(async () => {
  await sandbox?.stop();
});

for (const [what, refused, wrongSecrets, operation, sentSecret, wrongValue] of CASES) {
  describe(`wrong ${what}`, () => {
    let edge;

    before(async () => {
      edge = await startEdge({
        vars: edgeVars(sandbox, {
          deadlineMs: DEADLINE_MS, answerCacheSeconds: 0, lastGoodSeconds: 0,
          secrets: { ...SANDBOX_SECRETS, ...wrongSecrets },
        }),
      });
    });

    after(async () => {
      await edge?.stop();
    });

    test(`→ ${OTHER[refused]}'s options and one unauthorized warning for ${refused}`, async () => {
      await sandbox.reset();
      const answer = await quote(edge, request('NO', '0150', { locale: 'nb' }));

      assert.equal(answer.status, 200, answer.text);
      assert.ok(answer.ms < DEADLINE_MS + MARGIN_MS, `answered after ${Math.round(answer.ms)} ms`);
      assert.deepEqual(optionIds(answer.json, OTHER[refused]), EXPECTED.NO[OTHER[refused]]);
      assert.deepEqual(optionIds(answer.json, refused), []);
      assert.deepEqual(warningsOf(answer.json), [{ carrier: refused, code: 'unauthorized' }]);

      // The sandbox saw the wrong secret, so it was that one that was refused.
      const sent = await sandbox.last(operation);
      assert.ok(sent, `no ${operation} call`);
      assert.equal(sentSecret(sent), wrongValue);
    });
  });
}

test('no answer in this file carries a secret, right or wrong', () => {
  assert.ok(answersSeen.length >= 2);
  assertNoSecretIn(answersSeen, SANDBOX_SECRETS, WRONG_SECRETS);
});
