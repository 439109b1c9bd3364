// A carrier that fails never costs the checkout: for every fault the sandbox can inject, per
// carrier, the answer still arrives by the deadline with the other carrier's options and exactly
// one warning for the failed one. Then the last good answer standing in for a failure (stale),
// and the shop's fallback options when no carrier answers.
//
// The answer cache is off here (ANSWER_CACHE_SECONDS=0), so each request reaches the carriers;
// the last-good cache is on, so every fault test asks for a postal code no other test asked for.

import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SANDBOX_SECRETS } from './lib/sandbox.mjs';
import { EXPECTED, answersSeen, assertNoSecretIn, optionIds, quote, request, startCheckout, warningsOf } from './lib/checkout.mjs';

const DEADLINE_MS = 1500;
// Time allowed above the deadline for the edge's own work and the test machine's jitter.
const MARGIN_MS = 1000;

let checkout;
let sandbox;
let edge;

before(async () => {
  checkout = await startCheckout({ deadlineMs: DEADLINE_MS, answerCacheSeconds: 0, lastGoodSeconds: 300 });
  ({ sandbox, edge } = checkout);
});

after(() => checkout?.stop());

afterEach(() => sandbox.clearFaults());

// Norwegian postal codes no other test in this file asks for: 1001, 1002, … (first digit 1: price
// zone 1, one day, electric last mile, like 0150).
let nextPostalCode = 1000;
const freshPostalCode = () => String(++nextPostalCode);

const OTHER = { bring: 'postnord', postnord: 'bring' };

// [what, fault kind, fault options, the warning code it must give]
const FAULTS = [
  ['a delay beyond the deadline', 'delay', { ms: DEADLINE_MS + 1500 }, 'timeout'],
  ['a hang', 'hang', {}, 'timeout'],
  ['status 500', 'status', { status: 500 }, 'unavailable'],
  ['status 503', 'status', { status: 503 }, 'unavailable'],
  ['status 429', 'status', { status: 429 }, 'rate_limited'],
  ['status 401', 'status', { status: 401 }, 'unauthorized'],
  ['status 403', 'status', { status: 403 }, 'unauthorized'],
  ['malformed JSON', 'malformed_json', {}, 'malformed_response'],
  ['a slow drip beyond the deadline', 'slow_drip', { ms: DEADLINE_MS + 1500 }, 'timeout'],
  ['the wrong content type', 'wrong_content_type', {}, 'malformed_response'],
];

for (const failing of ['bring', 'postnord']) {
  describe(`${failing} failing`, () => {
    for (const [what, kind, options, code] of FAULTS) {
      test(`${what} → ${OTHER[failing]}'s options and one ${code} warning for ${failing}, by the deadline`, async () => {
        await sandbox.fault(failing, kind, options);
        const answer = await quote(edge, request('NO', freshPostalCode(), { locale: 'nb' }));

        assert.equal(answer.status, 200, answer.text);
        assert.ok(answer.ms < DEADLINE_MS + MARGIN_MS, `answered after ${Math.round(answer.ms)} ms`);
        assert.deepEqual(optionIds(answer.json, OTHER[failing]), EXPECTED.NO[OTHER[failing]]);
        assert.deepEqual(optionIds(answer.json, failing), []);
        assert.deepEqual(warningsOf(answer.json), [{ carrier: failing, code }]);
      });
    }

    test('a slow drip that ends within the deadline is a good answer', async () => {
      await sandbox.fault(failing, 'slow_drip', { ms: 300 });
      const answer = await quote(edge, request('NO', freshPostalCode(), { locale: 'nb' }));

      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(optionIds(answer.json, 'bring'), EXPECTED.NO.bring);
      assert.deepEqual(optionIds(answer.json, 'postnord'), EXPECTED.NO.postnord);
      assert.deepEqual(warningsOf(answer.json), []);
    });
  });
}

describe('last good answer', () => {
  for (const [failing, kind, options, failureCode] of [
    ['bring', 'status', { status: 500 }, 'unavailable'],
    ['postnord', 'hang', {}, 'timeout'],
  ]) {
    test(`${failing} failing (${kind}) after a good answer → its last good options, with one stale warning`, async () => {
      const body = request('NO', freshPostalCode(), { locale: 'nb' });
      const good = await quote(edge, body);
      assert.equal(good.status, 200, good.text);
      assert.deepEqual(warningsOf(good.json), []);
      assert.deepEqual(optionIds(good.json, failing), EXPECTED.NO[failing]);
      // The edge keeps the last good answer after its response has gone (waitUntil): give
      // that write a moment before the carrier fails.
      await new Promise((resolve) => setTimeout(resolve, 300));

      await sandbox.fault(failing, kind, options);
      const stale = await quote(edge, body);

      assert.equal(stale.status, 200, stale.text);
      assert.ok(stale.ms < DEADLINE_MS + MARGIN_MS, `answered after ${Math.round(stale.ms)} ms`);
      assert.equal(stale.headers['x-cache'], 'miss');
      assert.deepEqual(warningsOf(stale.json), [{ carrier: failing, code: 'stale' }]);
      // The stale warning says why the fresh answer is missing.
      const [warning] = stale.json.warnings;
      assert.match(warning.message, failureCode === 'timeout' ? /did not answer within/ : /\S/);
      // The same options as the good answer, prices included.
      const pick = (json) => json.options.map(({ id, price, carrier }) => ({ id, price, carrier }));
      assert.deepEqual(pick(stale.json), pick(good.json));
    });
  }
});

describe('fallback', () => {
  test('every carrier failing → the configured fallback options and a fallback warning, by the deadline', async () => {
    await sandbox.fault('bring', 'hang');
    await sandbox.fault('postnord', 'status', { status: 500 });
    const answer = await quote(edge, request('NO', freshPostalCode(), { locale: 'nb' }));

    assert.equal(answer.status, 200, answer.text);
    assert.ok(answer.ms < DEADLINE_MS + MARGIN_MS, `answered after ${Math.round(answer.ms)} ms`);
    assert.deepEqual(
      answer.json.options.map((option) => option.id).sort(),
      EXPECTED.fallback.NO.map((option) => option.id).sort(),
    );
    for (const option of answer.json.options) {
      const configured = EXPECTED.fallback.NO.find(({ id }) => id === option.id);
      assert.equal(option.price, configured.price, option.id);
      assert.equal(option.carrier, configured.carrier, option.id);
    }
    assert.deepEqual(warningsOf(answer.json), [
      { carrier: 'bring', code: 'timeout' },
      { carrier: 'postnord', code: 'unavailable' },
      { carrier: 'shop', code: 'fallback' },
    ]);
  });

  test('every carrier failing for each country → never an empty list', async () => {
    await sandbox.fault('bring', 'status', { status: 500 });
    await sandbox.fault('postnord', 'status', { status: 500 });
    for (const [country, postalCode] of [['NO', '1999'], ['SE', '19999'], ['DK', '1999'], ['FI', '19999']]) {
      const answer = await quote(edge, request(country, postalCode));
      assert.equal(answer.status, 200, answer.text);
      assert.ok(answer.json.options.length > 0, `${country}: no options`);
      assert.deepEqual(
        answer.json.options.map((option) => option.id).sort(),
        EXPECTED.fallback[country].map((option) => option.id).sort(),
        country,
      );
      assert.ok(
        answer.json.warnings.some((w) => w.carrier === 'shop' && w.code === 'fallback'),
        `${country}: no fallback warning in ${answer.text}`,
      );
    }
  });
});

test('no answer in this file carries a secret', () => {
  assert.ok(answersSeen.length > 20);
  assertNoSecretIn(answersSeen, SANDBOX_SECRETS);
});
