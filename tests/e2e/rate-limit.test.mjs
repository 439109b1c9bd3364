// The per-client limit on questions that reach the carriers (edge/src/rate_limit.rs): with it
// on (RATE_LIMIT_PERIOD_SECONDS=60 and wrangler.toml's API_RATE_LIMIT of 120 a minute), a client
// that keeps asking uncached questions gets 429 with Retry-After, which costs no carrier call,
// while a question the cache answers is still answered. The limiter counts in fixed windows of
// the period, so the first refusal comes after 120 questions, or up to 240 when the questions
// straddle a window's end; never later, never sooner.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { quote, request, startCheckout } from './lib/checkout.mjs';

/** wrangler.toml's `[[ratelimits]]` API_RATE_LIMIT: `simple = { limit = 120, period = 60 }`. */
const LIMIT = 120;

let checkout;

before(async () => {
  checkout = await startCheckout({
    deadlineMs: 2500, answerCacheSeconds: 300, lastGoodSeconds: 0,
    vars: { RATE_LIMIT_PERIOD_SECONDS: '60' },
  });
});

after(() => checkout?.stop());

test('past the limit an uncached question is 429 with Retry-After; cached answers still come', async () => {
  const { edge, sandbox } = checkout;
  // One question the cache will hold, then distinct questions (by weight): each of those misses
  // the cache and would ask the carriers.
  const cached = request('NO', '0150', { grams: 999 });
  assert.equal((await quote(edge, cached)).status, 200);
  let answered = 1;
  let limited;
  for (let grams = 1000; grams < 1000 + 2 * LIMIT; grams += 1) {
    const before = await sandbox.calls();
    const answer = await quote(edge, request('NO', '0150', { grams }));
    if (answer.status === 429) {
      limited = answer;
      assert.deepEqual(await sandbox.calls(), before, 'a refused question reaches no carrier');
      break;
    }
    assert.equal(answer.status, 200, `question ${answered + 1}: ${answer.text}`);
    answered += 1;
  }
  assert.ok(limited, `no 429 after ${answered} questions`);
  assert.ok(answered >= LIMIT && answered <= 2 * LIMIT, `${answered} questions were answered before the first 429`);
  assert.equal(limited.headers['retry-after'], '60');
  assert.equal(limited.headers['content-type'], 'application/json');
  assert.deepEqual(limited.json, {
    error: 'rate_limited',
    message: 'Too many questions from this client; ask again in 60 seconds.',
  });
  // The cache's answer costs no carrier call and is never refused.
  const hit = await quote(edge, cached);
  assert.equal(hit.status, 200, hit.text);
  assert.equal(hit.headers['x-cache'], 'hit');
});
