// POST /v1/delivery-options in workerd against the carrier sandbox: both carriers' options for
// each Nordic country with the sandbox's prices, sorted and in the shopper's language; the answer
// cache and the coalescing of identical requests (counted by the sandbox); CORS; every kind of bad
// input with the field it names; and no secret in any answer. The edge runs the test shop
// (lib/checkout.mjs), not wrangler.toml's demo shop: demo-config.test.mjs covers that one.

import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SANDBOX_SECRETS } from './lib/sandbox.mjs';
import { CLOCK } from './lib/clock.mjs';
import {
  ALLOWED_ORIGINS, EXPECTED, SENTENCE_START, answersSeen, assertNoSecretIn, bringPrice, bringTaxRate,
  call, chargeableKg, optionIds, quote, request, startCheckout, warningsOf,
} from './lib/checkout.mjs';

const DEADLINE_MS = 1500;
const ANSWER_CACHE_SECONDS = 60;

let checkout;
let sandbox;
let edge;

before(async () => {
  checkout = await startCheckout({ deadlineMs: DEADLINE_MS, answerCacheSeconds: ANSWER_CACHE_SECONDS, lastGoodSeconds: 300 });
  ({ sandbox, edge } = checkout);
});

after(() => checkout?.stop());

afterEach(() => sandbox.clearFaults());

/**
 * Checks one happy-path answer: exactly the expected options of both carriers, Bring's priced by
 * the sandbox's table, PostNord's by the shop's configured prices, every sentence in `locale`,
 * sorted cheapest first then soonest, and no warning.
 */
function assertHappyAnswer(answer, { country, postalCode, locale, grams, dimensions }) {
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.headers['content-type'], 'application/json');
  assert.match(answer.headers['cache-control'], /^private, max-age=\d+$/);
  assert.deepEqual(warningsOf(answer.json), []);
  assert.deepEqual(optionIds(answer.json, 'bring'), EXPECTED[country].bring);
  assert.deepEqual(optionIds(answer.json, 'postnord'), EXPECTED[country].postnord);
  assert.equal(answer.json.options.length, EXPECTED[country].bring.length + EXPECTED[country].postnord.length);

  const kg = chargeableKg(grams, dimensions);
  for (const option of answer.json.options) {
    assert.ok(['pickup-point', 'delivery-address'].includes(option.type), `${option.id}: type ${option.type}`);
    assert.equal(typeof option.name, 'string', option.id);
    assert.ok(option.name.length > 0, `${option.id}: empty name`);
    assert.match(option.delivery_time_text ?? '', SENTENCE_START[locale], `${option.id}: ${option.delivery_time_text}`);
    if (option.carrier === 'bring') {
      const service = option.id.replace(/^bring-/, '');
      const from = EXPECTED.bringSender.country;
      assert.equal(option.price, bringPrice(service, { kg, postalCode, from, to: country }), `${option.id} price`);
      assert.equal(option.tax_rate, bringTaxRate(from, country), `${option.id} tax_rate`);
      assert.equal(option.currency, EXPECTED.bringSender.currency, `${option.id} currency`);
    } else {
      const prices = EXPECTED.postnordPrices[country];
      const type = option.id.replace(/^postnord-/, '');
      assert.equal(option.price, prices.services[type], `${option.id} price`);
      assert.equal(option.tax_rate, prices.tax_rate, `${option.id} tax_rate`);
      assert.equal(option.currency, prices.currency, `${option.id} currency`);
    }
    if (option.type === 'pickup-point') {
      assert.ok(Array.isArray(option.locations) && option.locations.length > 0, `${option.id}: no locations`);
    }
  }
  // Cheapest first; between equal prices the soonest delivery first.
  const prices = answer.json.options.map((option) => option.price);
  assert.deepEqual(prices, [...prices].sort((a, b) => a - b), 'options are not sorted by price');
  for (let i = 1; i < answer.json.options.length; i++) {
    const [a, b] = [answer.json.options[i - 1], answer.json.options[i]];
    if (a.price === b.price && a.delivery_time?.earliest && b.delivery_time?.earliest) {
      assert.ok(Date.parse(a.delivery_time.earliest) <= Date.parse(b.delivery_time.earliest), `${a.id} before ${b.id}`);
    }
  }
}

describe('happy path', () => {
  const CASES = [
    // country, postal code as the shopper typed it, locale, parcel (the test shop sells in NOK)
    ['NO', '0150', 'nb', { grams: 1000, dimensions: { length_cm: 40, width_cm: 30, height_cm: 20 } }],
    ['SE', '111 34', 'sv', { grams: 2500, currency: 'NOK' }],
    ['DK', '2100', 'da', { grams: 2500, currency: 'NOK' }],
    ['FI', '00100', 'fi', { grams: 2500, currency: 'NOK' }],
  ];
  for (const [country, postalCode, locale, parcel] of CASES) {
    test(`${country} ${postalCode}: both carriers' options, priced, in ${locale}, sorted, no warnings`, async () => {
      const answer = await quote(edge, request(country, postalCode, { locale, ...parcel }));
      assertHappyAnswer(answer, { country, postalCode, locale, ...parcel });
      assert.equal(answer.headers['x-cache'], 'miss');
    });
  }

  test('the same question in another locale is answered in that locale, not from the cache', async () => {
    const answer = await quote(edge, request('NO', '0150', {
      locale: 'en', grams: 1000, dimensions: { length_cm: 40, width_cm: 30, height_cm: 20 },
    }));
    assertHappyAnswer(answer, {
      country: 'NO', postalCode: '0150', locale: 'en', grams: 1000, dimensions: { length_cm: 40, width_cm: 30, height_cm: 20 },
    });
  });

  test('between equal prices the sooner delivery comes first', async () => {
    // The test shop prices PostNord home to NO at exactly Bring 5800's 14125 for 5 kg to 0150;
    // Bring delivers domestically in one working day, PostNord cross-border in two, and which
    // is sooner depends on the day each can ship (lib/clock.mjs).
    const answer = await quote(edge, request('NO', '0150', { locale: 'nb', grams: 5000 }));
    assert.equal(answer.status, 200, answer.text);
    const ids = answer.json.options.map((option) => option.id);
    const byId = Object.fromEntries(answer.json.options.map((option) => [option.id, option]));
    assert.equal(byId['bring-5800'].price, 14125);
    assert.equal(byId['postnord-home'].price, 14125);
    const sooner = CLOCK.soonerOfEqualPrice;
    const later = sooner === 'bring-5800' ? 'postnord-home' : 'bring-5800';
    assert.equal(ids.indexOf(later), ids.indexOf(sooner) + 1, ids.join(', '));
  });

  test('an order value at the shop\'s free_above makes PostNord free, and Bring unchanged', async () => {
    const body = request('NO', '0150', { locale: 'nb', orderValue: 100000 });
    const answer = await quote(edge, body);
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(warningsOf(answer.json), []);
    for (const option of answer.json.options) {
      const expected = option.carrier === 'postnord'
        ? 0
        : bringPrice(option.id.replace(/^bring-/, ''), { kg: 3, postalCode: '0150', from: 'NO', to: 'NO' });
      assert.equal(option.price, expected, option.id);
    }
    const below = await quote(edge, { ...body, order_value: 99999 });
    assert.equal(below.json.options.find((option) => option.id === 'postnord-home').price, 14125);
  });

  test('Bring is asked with the shopper\'s postal code, weight and dimensions, and the configured credentials', async () => {
    const answer = await quote(edge, request('SE', '118 46', { currency: 'NOK', grams: 1200, dimensions: { length_cm: 30, width_cm: 20, height_cm: 10 } }));
    assert.equal(answer.status, 200, answer.text);
    const bring = await sandbox.last('bring.products');
    assert.equal(bring.headers['x-mybring-api-uid'], SANDBOX_SECRETS.BRING_API_UID);
    assert.equal(bring.headers['x-mybring-api-key'], SANDBOX_SECRETS.BRING_API_KEY);
    const postnord = await sandbox.last('postnord.delivery_options');
    assert.equal(postnord.queryParams.apikey, SANDBOX_SECRETS.POSTNORD_API_KEY);
    // The Swedish space is the shopper's; carriers get the five digits.
    assert.ok(JSON.stringify(bring.body).includes('"11846"'), JSON.stringify(bring.body));
    assert.ok(!JSON.stringify(bring.body).includes('118 46'));
  });
});

describe('badges', () => {
  /** Each badge word → the ids of the options carrying it, in the answer's order. */
  function badgesOf(json) {
    const holders = {};
    for (const option of json.options) {
      for (const badge of option.badges ?? []) (holders[badge] ??= []).push(option.id);
    }
    return holders;
  }

  /** The first option in the answer's order with the earliest `delivery_time.earliest`, read
   * from the answer itself (every option the sandbox's carriers send names its instants). */
  function earliestOf(json) {
    const at = (option) => Date.parse(option.delivery_time?.earliest ?? option.delivery_time?.latest);
    for (const option of json.options) assert.ok(Number.isFinite(at(option)), `${option.id}: ${JSON.stringify(option.delivery_time)}`);
    const soonest = Math.min(...json.options.map(at));
    return json.options.find((option) => at(option) === soonest).id;
  }

  test('NO 5003: the soonest, the cheapest and, as PostNord is not fossil-free there, Bring\'s first option', async () => {
    const answer = await quote(edge, request('NO', '5003', { locale: 'nb' }));
    assert.equal(answer.status, 200, answer.text);
    const firstBring = answer.json.options.find((option) => option.carrier === 'bring').id;
    assert.deepEqual(badgesOf(answer.json), {
      fastest: [earliestOf(answer.json)],
      cheapest: ['postnord-parcel-locker'],
      greenest: [firstBring],
    });
    // The sandbox: Bring's last mile to 5xxx is fossil-free (a share of 1), PostNord's is not (0).
    const shares = Object.fromEntries(answer.json.options.map((option) => [option.id, option.environmental?.fossil_free_share]));
    for (const [id, share] of Object.entries(shares)) assert.equal(share, id.startsWith('bring-') ? 1 : 0, id);
  });

  test('NO 0150: every option fossil-free, so no greenest; free PostNord ties go to the first', async () => {
    const answer = await quote(edge, request('NO', '0150', { locale: 'nb' }));
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(badgesOf(answer.json), { fastest: [earliestOf(answer.json)], cheapest: ['postnord-parcel-locker'] });

    // At the shop's free_above every PostNord option costs 0: the first of them (the answer puts
    // the soonest first among equal prices) is the cheapest.
    const free = await quote(edge, request('NO', '0150', { locale: 'nb', orderValue: 100000 }));
    assert.equal(free.status, 200, free.text);
    const zero = free.json.options.filter((option) => option.price === 0).map((option) => option.id);
    assert.deepEqual(zero.slice().sort(), EXPECTED.NO.postnord);
    assert.deepEqual(badgesOf(free.json), { fastest: [earliestOf(free.json)], cheapest: [zero[0]] });
    assert.equal(free.json.options[0].id, zero[0]);
  });
});

describe('answer cache and coalescing', () => {
  test('a repeated request is a cache hit and reaches no carrier', async () => {
    const body = request('NO', '0456', { locale: 'nb' });
    const first = await quote(edge, body);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers['x-cache'], 'miss');
    assert.equal(first.headers['cache-control'], `private, max-age=${ANSWER_CACHE_SECONDS}`);

    const before = await sandbox.calls();
    const second = await quote(edge, body);
    assert.equal(second.status, 200, second.text);
    assert.equal(second.headers['x-cache'], 'hit');
    assert.deepEqual(await sandbox.callsSince(before), {});
    assert.deepEqual(second.json, first.json);
  });

  test('each carrier call is keyed by what it sends: text a call does not use costs no call', async () => {
    // A question no other test asks (postal code 0152), then variations of it. The token is
    // fetched once per isolate and may already be there: it is left out of the counts.
    const ask = async (street, orderValue, locale) => {
      const before = await sandbox.calls();
      const answer = await quote(edge, {
        recipient: { country: 'NO', postal_code: '0152', street_address: street, city: 'Oslo' },
        parcels: [{ weight_grams: 1200 }], order_value: orderValue, currency: 'NOK', locale,
      });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.headers['x-cache'], 'miss', 'each variation is a new question for the answer cache');
      const calls = await sandbox.callsSince(before);
      delete calls['postnord.token'];
      return calls;
    };
    const everyCall = { 'bring.pickup_points': 1, 'bring.products': 1, 'postnord.delivery_options': 1, 'postnord.servicepoints': 2 };
    assert.deepEqual(await ask('Storgata 1', 100, 'nb'), everyCall);
    // The order value is sent to no carrier, and `nn` asks in the same language as `nb`.
    assert.deepEqual(await ask('Storgata 1', 200, 'nb'), {});
    assert.deepEqual(await ask('Storgata 1', 300, 'nn'), {});
    // English changes the calls that send a language (Bring's products, PostNord's Delivery
    // Options); the places are asked by address alone.
    assert.deepEqual(await ask('Storgata 1', 100, 'en'), { 'bring.products': 1, 'postnord.delivery_options': 1 });
    // Every call sends the street (Bring computes lead time per street address; places are the
    // nearest to it): another street is asked anew, within the client's rate limit.
    assert.deepEqual(await ask('Storgata 2', 100, 'nb'), everyCall);
  });

  test('PostNord asks Service Points at the same moment as Delivery Options, not after it', async () => {
    // PostNord answers every call 1.4 s late (within the 1.5 s deadline). Asked one after the
    // other, the places would be asked 1.4 s after Delivery Options arrived; asked together,
    // both lookups (lockers and service points) arrive while Delivery Options is still delayed.
    await sandbox.fault('postnord', 'delay', { ms: 1400 });
    const before = await sandbox.calls();
    const answer = quote(edge, request('NO', '0195', { locale: 'nb' }));
    const seen = async (operation) => (await sandbox.callsSince(before))[operation] ?? 0;
    const until = async (done, ms) => {
      const deadline = Date.now() + ms;
      while (!(await done()) && Date.now() < deadline) await sleep(20);
      return done();
    };
    assert.ok(await until(async () => (await seen('postnord.delivery_options')) === 1, 5_000), 'Delivery Options was asked');
    assert.ok(await until(async () => (await seen('postnord.servicepoints')) === 2, 700), 'both place lookups arrived with it');
    const answered = await answer;
    assert.equal(answered.status, 200, answered.text);
    assert.deepEqual(warningsOf(answered.json), []);
    assert.ok(answered.json.options.some((o) => o.id === 'postnord-parcel-locker' && o.locations.length > 1), answered.text);
  });

  test('100 concurrent identical requests make the upstream calls of one', async () => {
    // Slow carriers keep the first request in flight while the other 99 arrive, so they can only
    // share its calls (coalescing), not find its answer in a cache.
    for (const carrier of ['bring', 'bring_pickup', 'postnord']) await sandbox.fault(carrier, 'delay', { ms: 500 });

    // What one request costs upstream (a postal code of the same zone, never asked before).
    let before = await sandbox.calls();
    const single = await quote(edge, request('NO', '0788', { locale: 'nb' }));
    assert.equal(single.status, 200, single.text);
    const one = await sandbox.callsSince(before);
    assert.equal(one['bring.products'], 1, JSON.stringify(one));
    assert.equal(one['postnord.delivery_options'], 1, JSON.stringify(one));

    before = await sandbox.calls();
    const body = request('NO', '0789', { locale: 'nb' });
    const answers = await Promise.all(Array.from({ length: 100 }, () => quote(edge, body)));

    const statuses = {};
    for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    assert.deepEqual(statuses, { 200: 100 }, answers.find((answer) => answer.status !== 200)?.text);
    assert.deepEqual(await sandbox.callsSince(before), one);
    const bodies = new Set(answers.map((answer) => answer.text));
    assert.equal(bodies.size, 1, 'the 100 answers differ');
    assert.deepEqual(warningsOf(answers[0].json), []);
    assert.deepEqual(optionIds(answers[0].json, 'bring'), EXPECTED.NO.bring);
    assert.deepEqual(optionIds(answers[0].json, 'postnord'), EXPECTED.NO.postnord);
  });
});

describe('CORS', () => {
  const [allowed] = ALLOWED_ORIGINS;
  const refused = 'https://evil.example';

  test('a POST from an allowed origin gets its origin back', async () => {
    const answer = await quote(edge, request('NO', '0150', { locale: 'nb' }), { headers: { origin: allowed } });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.headers['access-control-allow-origin'], allowed);
    assert.match(answer.headers.vary ?? '', /(^|,\s*)Origin(\s*,|$)/i);
  });

  test('the second allowed origin is allowed too', async () => {
    const answer = await quote(edge, request('NO', '0150', { locale: 'nb' }), { headers: { origin: ALLOWED_ORIGINS[1] } });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.headers['access-control-allow-origin'], ALLOWED_ORIGINS[1]);
  });

  test('a POST from another origin is refused with 403 and no CORS headers', async () => {
    const answer = await quote(edge, request('NO', '0150', { locale: 'nb' }), { headers: { origin: refused } });
    assert.equal(answer.status, 403, answer.text);
    assert.equal(answer.json?.error, 'origin_not_allowed', answer.text);
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
  });

  test('a preflight from an allowed origin is answered 204 with the allowed method and header', async () => {
    const answer = await call(`${edge.url}/v1/delivery-options`, {
      method: 'OPTIONS',
      headers: { origin: allowed, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(answer.status, 204, answer.text);
    assert.equal(answer.headers['access-control-allow-origin'], allowed);
    assert.equal(answer.headers['access-control-allow-methods'], 'POST, OPTIONS');
    assert.equal(answer.headers['access-control-allow-headers'], 'content-type');
    assert.equal(answer.headers['access-control-max-age'], '600');
    assert.match(answer.headers.vary ?? '', /(^|,\s*)Origin(\s*,|$)/i);
  });

  test('a preflight from another origin is refused with 403 and no CORS headers', async () => {
    const answer = await call(`${edge.url}/v1/delivery-options`, {
      method: 'OPTIONS',
      headers: { origin: refused, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(answer.status, 403, answer.text);
    assert.equal(answer.json?.error, 'origin_not_allowed', answer.text);
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
    assert.equal(answer.headers['access-control-allow-methods'], undefined);
  });

  test('a POST without an Origin (same origin, or a server) is served without CORS headers', async () => {
    const answer = await quote(edge, request('NO', '0150', { locale: 'nb' }));
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
  });
});

describe('bad input', () => {
  const valid = () => request('NO', '0150', { locale: 'nb' });

  async function assertInvalid(body, field) {
    const answer = await quote(edge, body);
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.headers['content-type'], 'application/json');
    assert.equal(answer.json.error, 'invalid_request', answer.text);
    if (field !== undefined) assert.equal(answer.json.field, field, answer.text);
    assert.equal(typeof answer.json.message, 'string', answer.text);
    assert.ok(answer.json.message.length > 0);
    return answer;
  }

  test('a body over 64 KiB → 413 payload_too_large', async () => {
    // Valid JSON but for its size: extra fields are allowed, so only the size can be refused.
    const body = JSON.stringify({ ...valid(), padding: 'x'.repeat(65 * 1024) });
    const answer = await quote(edge, body);
    assert.equal(answer.status, 413, answer.text);
    assert.equal(answer.headers['content-type'], 'application/json');
    assert.equal(answer.json.error, 'payload_too_large');
  });

  test('a body just under 64 KiB is read', async () => {
    const base = JSON.stringify({ ...valid(), padding: '' });
    const body = JSON.stringify({ ...valid(), padding: 'x'.repeat(64 * 1024 - base.length - 1) });
    assert.ok(Buffer.byteLength(body) < 64 * 1024);
    const answer = await quote(edge, body);
    assert.equal(answer.status, 200, answer.text);
  });

  test('malformed JSON → 400 invalid_request', async () => {
    const answer = await assertInvalid('{"recipient": {"country": "NO", "postal_code": "0150"}, "parcels": [', undefined);
    assert.ok(!('options' in answer.json));
  });

  test('a body that is not an object → 400 invalid_request', async () => {
    await assertInvalid('"NO 0150"', undefined);
  });

  test('a valid body followed by anything → 400 naming where the trailing text starts', async () => {
    const body = JSON.stringify(valid());
    const column = body.length + 1;
    for (const [tail, at] of [['xyz', column], [body, column], [' {}', column + 1], ['\n[]', 1]]) {
      const answer = await assertInvalid(body + tail, null);
      const line = tail.startsWith('\n') ? 2 : 1;
      assert.equal(answer.json.message, `trailing characters at line ${line} column ${at}`, JSON.stringify(tail));
    }
    // White space after the document is fine.
    assert.equal((await quote(edge, `${body} \n\t`)).status, 200);
  });

  for (const country of ['US', 'GB', 'no-such', '']) {
    test(`country ${JSON.stringify(country)} → 400 naming recipient.country`, async () => {
      await assertInvalid({ ...valid(), recipient: { country, postal_code: '0150' } }, 'recipient.country');
    });
  }

  const INVALID_POSTAL_CODES = [
    ['NO', '150'], ['NO', '01500'], ['NO', '01 50'], ['NO', 'ABCD'], ['NO', ''],
    ['DK', '210'], ['DK', '21000'], ['DK', '2l00'],
    ['SE', '1113'], ['SE', '111344'], ['SE', '11 134'], ['SE', '111-34'],
    ['FI', '0010'], ['FI', '001000'], ['FI', '001 00'],
  ];
  for (const [country, postalCode] of INVALID_POSTAL_CODES) {
    test(`${country} postal code ${JSON.stringify(postalCode)} → 400 naming recipient.postal_code`, async () => {
      await assertInvalid({ ...valid(), recipient: { country, postal_code: postalCode } }, 'recipient.postal_code');
    });
  }

  for (const [country, postalCode] of [['SE', '11134'], ['SE', '111 34'], ['FI', '00100'], ['DK', '2100'], ['NO', '0150']]) {
    test(`${country} postal code ${JSON.stringify(postalCode)} is accepted`, async () => {
      const answer = await quote(edge, { ...valid(), recipient: { country, postal_code: postalCode } });
      assert.equal(answer.status, 200, answer.text);
    });
  }

  for (const grams of [0, -1, -2500]) {
    test(`weight ${grams} g → 400 naming parcels[0].weight_grams`, async () => {
      await assertInvalid({ ...valid(), parcels: [{ weight_grams: grams }] }, 'parcels[0].weight_grams');
    });
  }

  test('the second parcel\'s weight 0 → 400 naming parcels[1].weight_grams', async () => {
    await assertInvalid({ ...valid(), parcels: [{ weight_grams: 500 }, { weight_grams: 0 }] }, 'parcels[1].weight_grams');
  });

  test('no postal code → 400 naming recipient.postal_code', async () => {
    await assertInvalid({ ...valid(), recipient: { country: 'NO' } }, 'recipient.postal_code');
  });

  test('a client that goes away mid-body is logged as a client abort, never as an internal error', async () => {
    const { port } = new URL(edge.url);
    await new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /v1/delivery-options HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Content-Length: 5000\r\n\r\n{"recipient": {"country": "NO"');
        setTimeout(() => { socket.destroy(); resolve(); }, 300);
      });
      socket.on('error', reject);
    });
    const logged = () => edge.output().split('\n').filter((line) => /^client aborted|^internal error/.test(line));
    for (let waited = 0; logged().length === 0 && waited < 5_000; waited += 100) await sleep(100);
    assert.deepEqual(logged(), ["client aborted: the request's body was cut off (Error: Network connection lost.)"]);
  });

  test('GET /v1/delivery-options → 405', async () => {
    const answer = await call(`${edge.url}/v1/delivery-options`, { method: 'GET' });
    assert.equal(answer.status, 405, answer.text);
  });

  test('bad input never reaches a carrier', async () => {
    const before = await sandbox.calls();
    await quote(edge, { ...valid(), recipient: { country: 'NO', postal_code: '150' } });
    await quote(edge, '{');
    assert.deepEqual(await sandbox.callsSince(before), {});
  });
});

test('without OPS_TOKEN the operator routes do not exist', async () => {
  const answer = await call(`${edge.url}/ops/postplus/end-of-day`, { headers: { authorization: 'Bearer anything' }, body: '' });
  assert.equal(answer.status, 404, answer.text);
  assert.equal(answer.json.error, 'not_found');
});

test('an answer says where its time went inside the Worker (server-timing), in whole milliseconds', async () => {
  const answer = await quote(edge, request('SE', '11122', { locale: 'sv' }));
  assert.equal(answer.status, 200, answer.text);
  const timing = answer.headers['server-timing'].match(/^cache;dur=(\d+), carriers;dur=(\d+), total;dur=(\d+)$/);
  assert.ok(timing, answer.headers['server-timing']);
  const [cacheMs, carriersMs, totalMs] = timing.slice(1).map(Number);
  assert.ok(cacheMs + carriersMs <= totalMs, answer.headers['server-timing']);
});

test('without LOGO_PROXY the logo route does not exist', async () => {
  const src = 'https://www.mybring.com/shipping-guide/assets/img/Posten_logo.svg';
  const answer = await call(`${edge.url}/v1/logo?${new URLSearchParams({ src })}`, { method: 'GET' });
  assert.equal(answer.status, 404, answer.text);
  assert.equal(answer.json.error, 'not_found');
});

test('no answer in this file carries a secret', () => {
  assert.ok(answersSeen.length > 100);
  assertNoSecretIn(answersSeen, SANDBOX_SECRETS);
});
