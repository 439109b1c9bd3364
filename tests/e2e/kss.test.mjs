// The Klarna Shipping Service callback API as Klarna's checkout uses it (a KSS-simulating client,
// lib/kss-client.mjs): the /auth handshake and its bearer tokens, shipping options from the same
// fan-out as the widget's, shipment reservations in Durable Objects (unique per session, checked
// for address, availability and cutoff), and booking a confirmed PostPlus reservation in the
// background, with retries when PostPlus is down, never making a second parcel.
//
// Booking retries are fast here: KSS_BOOKING_RETRY_SECONDS=1 scales shared's schedule (30 s,
// doubling) to 1 s, 2 s, 4 s, …

import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { SANDBOX_SECRETS } from './lib/sandbox.mjs';
import { CLOCK } from './lib/clock.mjs';
import { TEST_SHOP, answersSeen, assertNoSecretIn, call } from './lib/checkout.mjs';
import {
  KLARNA_EXAMPLE, KssClient, MERCHANTS, POSTPLUS, TOKEN_SECRET, authDigest, pollShipment, recipient,
  sessionId, shipmentBody, shippingOptionsBody, signToken, startKss,
} from './lib/kss-client.mjs';

// A Finnish order in EUR gets no carrier option from the test shop (Bring and PostNord price in
// NOK, PostPlus does not go to FI), so these fallback options are served; the first one's cutoff
// has passed, as if the shopper had taken too long.
const FI_FALLBACK = [
  {
    id: 'fallback-late', name: 'Kotiinkuljetus', carrier: 'shop', type: 'delivery-address', price: 990,
    tax_rate: 2550, currency: 'EUR', group: 'home', delivery_time: { cutoff: '2020-01-06T12:00:00+02:00' },
  },
  { id: 'fallback-pickup', name: 'Noutopiste', carrier: 'shop', type: 'pickup-point', price: 590, tax_rate: 2550, currency: 'EUR', group: 'pickup' },
];

/** The operator routes' bearer token (`OPS_TOKEN`), for PostPlus's end of day. */
const OPS_TOKEN = 'e2e-ops-token-5d2c81';

let sandbox;
let edge;
let kss;
let stop;

before(async () => {
  ({ sandbox, edge, kss, stop } = await startKss({
    FALLBACK_OPTIONS: JSON.stringify({ ...TEST_SHOP.FALLBACK_OPTIONS, FI: FI_FALLBACK }),
    KSS_BOOKING_RETRY_SECONDS: '1',
    OPS_TOKEN,
  }));
});

after(() => stop?.());

afterEach(() => sandbox.clearFaults());

/** The options served for a fresh session to NO 0150, and the session. */
async function served(client = kss, body = {}) {
  const session = sessionId();
  const answer = await client.shippingOptions(shippingOptionsBody(session, body));
  assert.equal(answer.status, 200, answer.text);
  return { session, options: answer.json.shipping_options };
}

function option(options, id) {
  const found = options.find((o) => o.id === id);
  assert.ok(found, `${id} is among ${options.map((o) => o.id).join(', ')}`);
  return found;
}

describe('POST /kss/auth', () => {
  test("Klarna's worked example (sweMerch123, smOOOth, lRFUpqW7Xd) gets a token, 201", async () => {
    const client = new KssClient(edge.url);
    const answer = await client.auth({ nonce: KLARNA_EXAMPLE.nonce, digest: KLARNA_EXAMPLE.digest });
    assert.equal(answer.status, 201, answer.text);
    assert.deepEqual(Object.keys(answer.json), ['token']);
    assert.match(answer.json.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    // KSS's own media type comes back as it was sent.
    assert.equal(answer.headers['content-type'], 'application/vdn.klarna.shipping.auth-v1+json');
    // The digest in lower case is the same digest (with a nonce of its own: a nonce is good once).
    const lowerNonce = `${KLARNA_EXAMPLE.nonce}-lower`;
    const lower = await client.auth({ nonce: lowerNonce, digest: authDigest(lowerNonce, KLARNA_EXAMPLE.key).toLowerCase() });
    assert.equal(lower.status, 201, lower.text);
    // The token works, and its claims are the merchant's for an hour.
    const claims = JSON.parse(Buffer.from(answer.json.token.split('.')[1], 'base64url').toString());
    assert.equal(claims.sub, 'sweMerch123');
    assert.equal(claims.exp - claims.iat, 3600);
    const options = await client.shippingOptions(shippingOptionsBody(sessionId()));
    assert.equal(options.status, 200, options.text);
  });

  test('a nonce is good once: the same /auth body again is 401, a fresh nonce is 201', async () => {
    const client = new KssClient(edge.url, { identifier: 'otherMerch' });
    const nonce = `replay-${Math.random().toString(36).slice(2, 12)}`;
    const first = await client.auth({ nonce });
    assert.equal(first.status, 201, first.text);
    for (const digest of [authDigest(nonce, MERCHANTS.otherMerch), authDigest(nonce, MERCHANTS.otherMerch).toLowerCase()]) {
      const again = await client.auth({ nonce, digest });
      assert.equal(again.status, 401, again.text);
      assert.deepEqual(again.json, { failure_reason: 'Invalid or missing credentials.' });
    }
    // Nonces are kept per merchant: another merchant may use the same one.
    const other = await new KssClient(edge.url).auth({ nonce });
    assert.equal(other.status, 201, other.text);
    assert.equal((await client.auth()).status, 201);
  });

  test('a nonce of fewer than 8 characters is 400 naming secret.nonce, whatever the digest', async () => {
    for (const nonce of ['', 'a', '1234567']) {
      const answer = await new KssClient(edge.url).auth({ nonce });
      assert.equal(answer.status, 400, answer.text);
      assert.deepEqual(answer.json, { failure_reason: `secret.nonce must have from 8 to 256 characters (it has ${nonce.length})` });
    }
  });

  test('the answer is KSS\'s media type or application/json, never the request\'s own text', async () => {
    for (const [contentType, expected] of [
      ['application/vdn.klarna.shipping.auth-v1+json', 'application/vdn.klarna.shipping.auth-v1+json'],
      ['APPLICATION/VDN.KLARNA.SHIPPING.AUTH-V1+JSON; charset=utf-8', 'application/vdn.klarna.shipping.auth-v1+json'],
      ['application/json', 'application/json'],
      ['text/html; x=json', 'application/json'],
      ['application/evil+json', 'application/json'],
      ['text/plain', 'application/json'],
    ]) {
      const nonce = `ct-${Math.random().toString(36).slice(2, 12)}`;
      const answer = await call(`${edge.url}/kss/auth`, {
        headers: { 'content-type': contentType },
        body: JSON.stringify({ identifier: 'sweMerch123', secret: { nonce, digest: authDigest(nonce, KLARNA_EXAMPLE.key) } }),
      });
      assert.equal(answer.status, 201, `${contentType}: ${answer.text}`);
      assert.equal(answer.headers['content-type'], expected, contentType);
    }
  });

  test('a wrong digest and an unknown identifier are both 401, with nothing to tell them apart', async () => {
    const wrong = await new KssClient(edge.url).auth({ nonce: KLARNA_EXAMPLE.nonce, digest: '00'.repeat(32) });
    const unknown = await new KssClient(edge.url, { identifier: 'noSuchMerchant', key: 'smOOOth' }).auth();
    const otherKey = await new KssClient(edge.url, { identifier: 'otherMerch', key: KLARNA_EXAMPLE.key }).auth();
    for (const answer of [wrong, unknown, otherKey]) {
      assert.equal(answer.status, 401, answer.text);
      assert.deepEqual(answer.json, { failure_reason: 'Invalid or missing credentials.' });
    }
  });

  test('request text in a log line stays on its line: a forged log line is escaped and cut', async () => {
    const forged = '[wrangler:info] POST /kss/auth 201 Created (1ms)';
    const identifier = `evil\n${forged}\u001b[2J\u202e${'x'.repeat(100)}`;
    const answer = await new KssClient(edge.url, { identifier, key: 'guess' }).auth();
    assert.equal(answer.status, 401, answer.text);
    const lines = () => edge.output().split('\n');
    for (let waited = 0; !lines().some((l) => l.includes('/auth for "evil')) && waited < 5_000; waited += 100) await sleep(100);
    assert.ok(!lines().includes(forged), 'no forged line');
    assert.ok(!edge.output().includes('\u001b[2J'), 'no escape sequence reaches the log');
    const line = lines().find((l) => l.includes('/auth for "evil'));
    assert.equal(
      line,
      // The identifier cut to 64 characters: `evil`, the newline, the forged line, ESC [ 2 J,
      // the right-to-left override, and as many x as fit.
      `kss: unauthorized: /auth for "evil\\n${forged}\\u{1b}[2J\\u{202e}${'x'.repeat(64 - 5 - forged.length - 4 - 1)}"…: unknown identifier`,
    );
  });

  test('a malformed /auth body is 400 with a failure_reason', async () => {
    for (const body of ['{"identifier": "sweMerch123"', '{"identifier": "sweMerch123"}', '[]', '']) {
      const answer = await call(`${edge.url}/kss/auth`, { body });
      assert.equal(answer.status, 400, `${body}: ${answer.text}`);
      assert.equal(typeof answer.json.failure_reason, 'string', answer.text);
      assert.ok(answer.json.failure_reason.length > 0);
    }
    const missing = await call(`${edge.url}/kss/auth`, { body: { identifier: 'sweMerch123' } });
    assert.match(missing.json.failure_reason, /secret/);
  });

  test('an /auth body over 64 KiB is 413: the larger limit is for callers with a token', async () => {
    const body = JSON.stringify({ identifier: 'sweMerch123', secret: { nonce: 'n'.repeat(70_000), digest: 'x' } });
    const answer = await call(`${edge.url}/kss/auth`, { body });
    assert.equal(answer.status, 413, answer.text);
    assert.deepEqual(answer.json, { failure_reason: 'The body must be at most 65536 bytes.' });
  });
});

describe('bearer tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const options = (token) => kss.shippingOptions(shippingOptionsBody(sessionId()), { token });

  test('a token signed here with the same derivation is accepted (the two implementations agree)', async () => {
    const answer = await options(signToken({ sub: 'sweMerch123', iat: now(), exp: now() + 600 }));
    assert.equal(answer.status, 200, answer.text);
  });

  test('a token sent without the Bearer scheme, as the reference\'s request examples write it, is accepted', async () => {
    const bare = await kss.shippingOptions(shippingOptionsBody(sessionId()), { token: null, headers: { authorization: kss.token } });
    assert.equal(bare.status, 200, bare.text);
    const lower = await kss.shippingOptions(shippingOptionsBody(sessionId()), { token: null, headers: { authorization: `bearer ${kss.token}` } });
    assert.equal(lower.status, 200, lower.text);
  });

  test('missing, malformed, expired, forged, foreign and unknown-merchant tokens are 401', async () => {
    const good = kss.token;
    const [header, claims, signature] = good.split('.');
    const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    const cases = {
      missing: null,
      malformed: 'not-a-jwt',
      expired: signToken({ sub: 'sweMerch123', iat: now() - 7200, exp: now() - 3600 }),
      'forged signature': `${header}.${claims}.${flipped}`,
      'claims changed': `${header}.${Buffer.from(JSON.stringify({ sub: 'otherMerch', iat: now(), exp: now() + 600 })).toString('base64url')}.${signature}`,
      'another merchant\'s key': signToken({ sub: 'sweMerch123', iat: now(), exp: now() + 600 }, { signedFor: 'otherMerch' }),
      'another signing secret': signToken({ sub: 'sweMerch123', iat: now(), exp: now() + 600 }, { secret: 'not-the-secret' }),
      'unknown merchant': signToken({ sub: 'noSuchMerchant', iat: now(), exp: now() + 600 }),
      'alg none': `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${claims}.`,
    };
    for (const [what, token] of Object.entries(cases)) {
      const answer = await options(token);
      assert.equal(answer.status, 401, `${what}: ${answer.text}`);
      assert.deepEqual(answer.json, { failure_reason: 'Invalid or missing credentials.' }, what);
    }
    const basic = await kss.shippingOptions(shippingOptionsBody(sessionId()), { token: null, headers: { authorization: `Basic ${good}` } });
    assert.equal(basic.status, 401, basic.text);
    // Every protected route refuses without a token.
    for (const [method, path] of [['POST', '/shipment'], ['PUT', '/shipment/x'], ['GET', '/shipment/x'], ['POST', '/shipment/x/confirm']]) {
      const answer = await kss.request(method, path, method === 'GET' || path.endsWith('confirm') ? undefined : {}, { token: null });
      assert.equal(answer.status, 401, `${method} ${path}: ${answer.text}`);
    }
  });
});

describe('POST /kss/shippingoptions', () => {
  test('the fan-out\'s options (Bring, PostNord, PostPlus) in KSS\'s shape', async () => {
    const { options } = await served();
    const carriers = new Set(options.map((o) => o.carrier));
    assert.deepEqual([...carriers].sort(), ['bring', 'postnord', 'postplus']);
    for (const o of options) {
      for (const field of ['id', 'name', 'carrier', 'type', 'price', 'tax_rate']) assert.ok(o[field] !== undefined, `${o.id}.${field}`);
      // Our extras are not sent to Klarna.
      for (const extra of ['group', 'currency', 'delivery_time_text', 'service_texts']) assert.equal(o[extra], undefined, `${o.id}.${extra}`);
      assert.ok(o.delivery_time, `${o.id} has a delivery_time`);
    }
    assert.ok(option(options, 'bring-5800').locations.length > 0, 'pickup points');
    // Time slots and addons pass through the same way (shared's to_kss keeps every KSS field);
    // no sandbox carrier offers them to this shop, so the widget's tests cover their shape.
    const postplus = option(options, 'postplus-home');
    assert.equal(postplus.price, POSTPLUS.options.NO[0].price);
    // What the pinned calendar (lib/clock.mjs) makes of PostPlus's 1–2 days and 15:00 cutoff.
    assert.deepEqual(postplus.delivery_time.interval.earliest, CLOCK.postplusEarliest);
    assert.deepEqual(postplus.delivery_time.cutoff, CLOCK.postplusCutoff);
    // The same options as the widget's API, in the same order.
    const widget = await call(`${edge.url}/v1/delivery-options`, {
      body: { recipient: { country: 'NO', postal_code: '0150', street_address: recipient().street_address, city: 'Oslo' }, parcels: [{ weight_grams: 2000, length_cm: 30, width_cm: 20, height_cm: 10 }], order_value: 49900, currency: 'NOK', locale: 'nb' },
    });
    assert.deepEqual(options.map((o) => o.id), widget.json.options.map((o) => o.id));
  });

  test('selected_shipping_option_id comes first, the rest keep their order', async () => {
    const { options } = await served();
    const last = options.at(-1).id;
    const { options: again } = await served(kss, { selected: last });
    assert.equal(again[0].id, last);
    assert.deepEqual(again.slice(1).map((o) => o.id), options.slice(0, -1).map((o) => o.id));
  });

  test('never blank: no carrier option → the fallback options', async () => {
    const { options } = await served(kss, { currency: 'EUR', to: recipient({ country: 'FI', postal_code: '00100' }) });
    assert.deepEqual(options.map((o) => o.id), ['fallback-pickup', 'fallback-late']);
  });

  test('malformed and oversized bodies: 400 / 413 with failure_reason, and the edge goes on', async () => {
    const cases = [
      ['not JSON', '{"session_id": ', 400],
      ['two documents', `${JSON.stringify(shippingOptionsBody(sessionId()))}{}`, 400],
      ['a document and text', `${JSON.stringify(shippingOptionsBody(sessionId()))}xyz`, 400],
      ['no session_id', JSON.stringify({ currency: 'NOK', order: { lines: [], total_amount: 0 } }), 400],
      ['a bad currency', JSON.stringify({ ...shippingOptionsBody(sessionId()), currency: 'kronor' }), 400],
      ['oversized', JSON.stringify({ ...shippingOptionsBody(sessionId()), padding: 'x'.repeat(1_100_000) }), 413],
    ];
    for (const [what, body, status] of cases) {
      const answer = await kss.shippingOptions(body);
      assert.equal(answer.status, status, `${what}: ${answer.text}`);
      assert.equal(typeof answer.json?.failure_reason, 'string', `${what}: ${answer.text}`);
    }
    const bad = await kss.shippingOptions({ ...shippingOptionsBody(sessionId()), recipient: recipient({ postal_code: '01' }) });
    assert.equal(bad.status, 400, bad.text);
    assert.deepEqual(bad.json, { failure_reason: 'shipping_address_invalid' });
    await served();
  });
});

describe('POST /kss/shipment, PUT and GET /kss/shipment/{id}', () => {
  test('a reservation: 201, Location, shipment_id and the carrier product', async () => {
    const { session, options } = await served();
    const answer = await kss.createShipment(shipmentBody(session, option(options, 'bring-5800')));
    assert.equal(answer.status, 201, answer.text);
    const id = answer.json.shipment_id;
    assert.match(id, /^kss_[0-9a-f]{40}$/);
    assert.equal(answer.headers.location, `${edge.url}/kss/shipment/${id}`);
    assert.deepEqual(answer.json.selected_shipping_option, {
      carrier: 'bring',
      carrier_product: { identifier: '5800', name: option(options, 'bring-5800').name },
      // The chosen place as offered, so the merchant sees where the parcel goes.
      location: option(options, 'bring-5800').locations[0],
    });
    assert.equal(answer.json.status, 'reserved');
    const got = await kss.getShipment(id);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.shipment_id, id);
    // PostNord's service code comes from its booking instructions; PostPlus's from the shop's.
    const postnord = await kss.updateShipment(id, shipmentBody(session, option(options, 'postnord-service-point')));
    assert.equal(postnord.status, 200, postnord.text);
    assert.equal(postnord.headers.location, `${edge.url}/kss/shipment/${id}`);
    assert.equal(postnord.json.selected_shipping_option.carrier_product.identifier, '19');
    // A place from the end of the list (Service Points' more places, beyond Delivery Options'
    // own): booked to exactly that place, with PostNord's optional-service-point code and the
    // choice's deliveryOptionId, everything the merchant needs to book it.
    const servicePoint = option(options, 'postnord-service-point');
    const farPlace = servicePoint.locations.at(-1);
    const far = await kss.updateShipment(id, shipmentBody(session, servicePoint, { location: farPlace }));
    assert.equal(far.status, 200, far.text);
    const product = far.json.selected_shipping_option.carrier_product;
    assert.equal(product.identifier, '19');
    assert.ok(product.addon_identifiers.includes('A7'), JSON.stringify(product));
    assert.equal(product.service_point_id, farPlace.id);
    assert.match(product.delivery_option_id, /^[0-9a-f]{32}$/);
    assert.deepEqual(far.json.selected_shipping_option.location, farPlace);
    const mailbox = await kss.updateShipment(id, shipmentBody(session, option(options, 'postplus-mailbox')));
    assert.equal(mailbox.status, 200, mailbox.text);
    assert.equal(mailbox.json.selected_shipping_option.carrier_product.identifier, 'MAILB');
  });

  test('each failure_reason: shipping_address_invalid, shipping_option_not_available, cutoff_time_expired (400)', async () => {
    const { session, options } = await served();
    const home = option(options, 'bring-5600');
    const refused = async (body) => {
      const answer = await kss.createShipment(body);
      assert.equal(answer.status, 400, answer.text);
      return answer.json.failure_reason;
    };
    assert.equal(await refused(shipmentBody(session, home, { to: recipient({ postal_code: 'ABCD' }) })), 'shipping_address_invalid');
    assert.equal(await refused(shipmentBody(session, home, { to: recipient({ country: 'DE' }) })), 'shipping_address_invalid');
    // PostPlus must be able to print a label: no street, no reservation.
    const noStreet = recipient();
    delete noStreet.street_address;
    assert.equal(await refused(shipmentBody(session, option(options, 'postplus-home'), { to: noStreet })), 'shipping_address_invalid');
    assert.equal(await refused(shipmentBody(session, home, { price: home.price - 100 })), 'shipping_option_not_available');
    assert.equal(await refused(shipmentBody(session, home, { id: 'bring-9999' })), 'shipping_option_not_available');
    assert.equal(await refused(shipmentBody(session, option(options, 'bring-5800'), { location: { id: 'no-such-place', name: 'x' } })), 'shipping_option_not_available');
    assert.equal(await refused(shipmentBody(session, home, { timeslot: { id: 'no-such-slot', start: '2030-01-01T17:00:00+01:00', end: '2030-01-01T21:00:00+01:00' } })), 'shipping_option_not_available');
    // The selection must be what was offered, field for field: no addon that was never offered
    // (at any price, a negative one too), no other tax rate, type or class, and a pickup option
    // offered with places needs one of them.
    for (const overrides of [
      { addons: [{ id: 'gift-wrap', type: 'sms', price: -5000 }] },
      { tax_rate: home.tax_rate === 2500 ? 1500 : 2500 },
      { type: 'pickup-point' },
      { class: home.class === 'express' ? 'standard' : 'express' },
    ]) {
      assert.equal(await refused(shipmentBody(session, home, overrides)), 'shipping_option_not_available', JSON.stringify(overrides));
    }
    const noPlace = shipmentBody(session, option(options, 'bring-5800'));
    delete noPlace.selected_shipping_option.location;
    assert.equal(await refused(noPlace), 'shipping_option_not_available');

    const fi = await served(kss, { currency: 'EUR', to: recipient({ country: 'FI', postal_code: '00100', city: 'Helsinki' }) });
    const late = shipmentBody(fi.session, option(fi.options, 'fallback-late'), { currency: 'EUR', to: recipient({ country: 'FI', postal_code: '00100', city: 'Helsinki' }) });
    assert.equal(await refused(late), 'cutoff_time_expired');
    // None of the refusals made a reservation.
    const pickup = await kss.createShipment({ ...late, selected_shipping_option: { ...late.selected_shipping_option, ...pickFields(option(fi.options, 'fallback-pickup')) } });
    assert.equal(pickup.status, 201, pickup.text);
  });

  test('malformed and oversized /shipment bodies: 400 / 413 with failure_reason', async () => {
    const { session, options } = await served();
    const good = shipmentBody(session, option(options, 'bring-5600'));
    const noSelection = { ...good };
    delete noSelection.selected_shipping_option;
    for (const [what, body, status] of [
      ['not JSON', '{', 400],
      ['no selected_shipping_option', JSON.stringify(noSelection), 400],
      ['a selection without a price', JSON.stringify({ ...good, selected_shipping_option: { id: 'bring-5600', carrier: 'bring', type: 'delivery-address', tax_rate: 2500 } }), 400],
      ['oversized', JSON.stringify({ ...good, padding: 'x'.repeat(1_100_000) }), 413],
    ]) {
      const answer = await kss.createShipment(body);
      assert.equal(answer.status, status, `${what}: ${answer.text}`);
      assert.equal(typeof answer.json?.failure_reason, 'string', `${what}: ${answer.text}`);
    }
    const put = await kss.updateShipment('kss_0000000000000000000000000000000000000000', good);
    assert.equal(put.status, 404, put.text);
    assert.equal(typeof put.json.failure_reason, 'string');
    const ok = await kss.createShipment(good);
    assert.equal(ok.status, 201, ok.text);
  });

  test('a cart of 300 lines (over 64 KiB): its options, its reservation and the reservation read back', async () => {
    // Lines shaped like the order line of Klarna's reference request, one item each.
    const lines = Array.from({ length: 300 }, (_, i) => ({
      attributes: { tags: ['member'], dimensions: { height: 5, length: 100, width: 80 }, weight: 50 },
      quantity: 1, reference: `sku-${String(i).padStart(4, '0')}`, tax_rate: 2500, total_discount_amount: 0,
      total_price_including_tax: 1000, total_tax_amount: 200, type: 'physical', unit_price: 1000,
    }));
    const big = { lines, total_amount: 300_000, total_tax: 60_000, total_weight: 15_000 };
    const session = sessionId();
    const question = JSON.stringify({ ...shippingOptionsBody(session), order: big });
    assert.ok(question.length > 64 * 1024, `the body is ${question.length} bytes`);
    const offered = await kss.shippingOptions(question);
    assert.equal(offered.status, 200, offered.text);
    const chosen = option(offered.json.shipping_options, 'bring-5800');
    const reserved = await kss.createShipment(JSON.stringify({ ...shipmentBody(session, chosen), order: big }));
    assert.equal(reserved.status, 201, reserved.text);
    assert.equal(reserved.json.selected_shipping_option.carrier_product.identifier, '5800');
    const got = await kss.getShipment(reserved.json.shipment_id);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.shipment_id, reserved.json.shipment_id);
    assert.equal(got.json.status, 'reserved');
  });

  test('unknown ids are 404; another merchant sees none of ours', async () => {
    for (const id of ['kss_0000000000000000000000000000000000000000', 'nonsense']) {
      const answer = await kss.getShipment(id);
      assert.equal(answer.status, 404, answer.text);
      assert.deepEqual(answer.json, { failure_reason: 'no such shipment' });
    }
    // A path that is no KSS route is not found, not a missing shipment.
    for (const [method, path] of [['GET', '/nope'], ['POST', '/shipment/kss_1/cancel'], ['GET', '/']]) {
      const answer = await kss.request(method, path);
      assert.equal(answer.status, 404, `${method} ${path}: ${answer.text}`);
      assert.deepEqual(answer.json, { failure_reason: 'not found: no KSS endpoint answers this path' }, `${method} ${path}`);
    }
    const { session, options } = await served();
    const mine = await kss.createShipment(shipmentBody(session, option(options, 'bring-5600')));
    assert.equal(mine.status, 201, mine.text);
    const other = new KssClient(edge.url, { identifier: 'otherMerch' });
    assert.equal((await other.auth()).status, 201);
    for (const answer of [
      await other.getShipment(mine.json.shipment_id),
      await other.confirm(mine.json.shipment_id),
      await other.updateShipment(mine.json.shipment_id, shipmentBody(session, option(options, 'bring-5600'))),
    ]) {
      assert.equal(answer.status, 404, answer.text);
    }
    // The same session id at another merchant is another reservation.
    const theirs = await other.createShipment(shipmentBody(session, option(options, 'bring-5600')));
    assert.equal(theirs.status, 201, theirs.text);
    assert.notEqual(theirs.json.shipment_id, mine.json.shipment_id);
    assert.equal((await kss.getShipment(mine.json.shipment_id)).json.status, 'reserved');
  });

  test('50 concurrent POSTs of one session: one reservation, one shipment id', async () => {
    const { session, options } = await served();
    const body = shipmentBody(session, option(options, 'postplus-home'));
    const answers = await Promise.all(Array.from({ length: 50 }, () => kss.createShipment(body)));
    const statuses = answers.map((a) => a.status);
    assert.deepEqual(new Set(statuses), new Set([201]), answers.find((a) => a.status !== 201)?.text);
    const ids = new Set(answers.map((a) => a.json.shipment_id));
    assert.equal(ids.size, 1, [...ids].join(', '));
    const [id] = ids;
    assert.equal(new Set(answers.map((a) => a.headers.location)).size, 1);
    const got = await kss.getShipment(id);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.shipment_id, id);
    // Confirming it books exactly one parcel for the session.
    const before = await sandbox.calls();
    assert.equal((await kss.confirm(id)).status, 200);
    const booked = await pollShipment(kss, id, (a) => a.json?.status === 'booked');
    assert.equal(booked.json.status, 'booked', booked.text);
    assert.equal((await sandbox.callsSince(before))['postplus.parcels.created'], 1);
  });

  test('concurrent POSTs of one session choosing different options: the last writer wins, and each answer says what it left', async () => {
    const { session, options } = await served();
    const choices = ['bring-5600', 'postnord-home', 'postplus-home', 'postplus-mailbox'].map((id) => option(options, id));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) => kss.createShipment(shipmentBody(session, choices[index % choices.length]))),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]), answers.find((a) => a.status !== 201)?.text);
    // One at a time: every call made its own version, 1 to 40.
    const revisions = answers.map((a) => a.json.revision).sort((a, b) => a - b);
    assert.deepEqual(revisions, Array.from({ length: 40 }, (_, index) => index + 1));
    // Each answer names the option of its own call, as stored by that call.
    answers.forEach((answer, index) => {
      assert.equal(answer.json.selected_shipping_option.carrier, choices[index % choices.length].carrier, `answer ${index}`);
    });
    // What is stored is the last call's reservation, and its answer said so.
    const last = answers.find((a) => a.json.revision === 40);
    const got = await kss.getShipment(last.json.shipment_id);
    assert.equal(got.json.revision, 40);
    assert.deepEqual(got.json.selected_shipping_option, last.json.selected_shipping_option);
  });
});

describe('confirm and PostPlus booking', () => {
  test('the full flow: auth → shippingoptions → shipment → update → get → confirm → get shows the parcel and tracking', async () => {
    const client = new KssClient(edge.url);
    assert.equal((await client.auth()).status, 201);
    const { session, options } = await served(client);
    const created = await client.createShipment(shipmentBody(session, option(options, 'bring-5600')));
    assert.equal(created.status, 201, created.text);
    const id = created.json.shipment_id;
    const updated = await client.updateShipment(id, shipmentBody(session, option(options, 'postplus-home')));
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.json.shipment_id, id);
    assert.deepEqual(updated.json.selected_shipping_option, {
      carrier: 'postplus', carrier_product: { identifier: 'FREEP', name: 'PostPlus hjemlevering' },
    });
    const got = await client.getShipment(id);
    assert.equal(got.json.status, 'reserved');
    assert.equal(got.json.shipments, undefined);

    const before = await sandbox.calls();
    const started = Date.now();
    const confirmed = await client.confirm(id);
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.ok(Date.now() - started < 1000, 'confirm answers at once');
    assert.ok(['booking', 'booked'].includes(confirmed.json.status), confirmed.text);

    const booked = await pollShipment(client, id, (a) => a.json?.status === 'booked');
    assert.equal(booked.json.status, 'booked', booked.text);
    const [shipment] = booked.json.shipments;
    assert.equal(shipment.carrier, 'postplus');
    assert.ok(shipment.tracking_id, booked.text);
    assert.equal(shipment.tracking_url, `https://track.example/parcel?nr=${encodeURIComponent(shipment.tracking_id)}`);
    assert.match(booked.json.additional_info, /booked with PostPlus: parcel \d+, tracking number .+, label print \d+, on shipment SHOP-\d{8}/);
    const calls = await sandbox.callsSince(before);
    assert.equal(calls['postplus.parcels.created'], 1, JSON.stringify(calls));
    const parcel = await sandbox.last('postplus.parcels');
    assert.equal(parcel.headers['x-api-key'], SANDBOX_SECRETS.POSTPLUS_API_KEY);
    assert.equal(JSON.stringify(parcel.body).includes(id), true, 'the parcel is keyed by the shipment id');

    // A repeated confirm, and a repeated POST of the same body, change nothing.
    const again = await client.confirm(id);
    assert.equal(again.status, 200);
    assert.equal(again.json.status, 'booked');
    const repost = await client.createShipment(shipmentBody(session, option(options, 'postplus-home')));
    assert.equal(repost.status, 201, repost.text);
    assert.equal(repost.json.shipment_id, id);
    // A confirmed shipment cannot be changed.
    const change = await client.updateShipment(id, shipmentBody(session, option(options, 'bring-5600')));
    assert.equal(change.status, 400, change.text);
    assert.match(change.json.failure_reason, /confirmed/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await sandbox.callsSince(before))['postplus.parcels.created'], 1);
  });

  test('what PostPlus noted about the parcel is told in additional_info', async () => {
    const { session, options } = await served();
    const body = shipmentBody(session, option(options, 'postplus-home'), { to: recipient({ phone: '+47 912 34 567' }) });
    const created = await kss.createShipment(body);
    assert.equal(created.status, 201, created.text);
    const id = created.json.shipment_id;
    assert.equal((await kss.confirm(id)).status, 200);
    const booked = await pollShipment(kss, id, (a) => a.json?.status === 'booked');
    assert.equal(booked.json.status, 'booked', booked.text);
    assert.match(booked.json.additional_info, /, on shipment SHOP-\d{8}\. PostPlus noted: Receiver phone was normalized\.$/);
  });

  test('a carrier PostPlus does not ship is confirmed, not booked', async () => {
    const { session, options } = await served();
    const created = await kss.createShipment(shipmentBody(session, option(options, 'bring-5600')));
    const before = await sandbox.calls();
    const confirmed = await kss.confirm(created.json.shipment_id);
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.equal(confirmed.json.status, 'confirmed');
    assert.match(confirmed.json.additional_info, /bring is not booked by this service/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await sandbox.callsSince(before))['postplus.parcels'], undefined);
  });

  test('PostPlus down during confirm: retried later, visible in GET, exactly one parcel in the end', async () => {
    const { session, options } = await served();
    const created = await kss.createShipment(shipmentBody(session, option(options, 'postplus-home')));
    assert.equal(created.status, 201, created.text);
    const id = created.json.shipment_id;
    await sandbox.fault('postplus', 'status', { status: 500, times: 2 });
    const before = await sandbox.calls();
    const confirmed = await kss.confirm(id);
    assert.equal(confirmed.status, 200, confirmed.text);
    const failing = await pollShipment(kss, id, (a) => /failed/.test(a.json?.additional_info ?? ''), { timeoutMs: 10_000, everyMs: 100 });
    assert.equal(failing.json.status, 'booking', failing.text);
    assert.match(failing.json.additional_info, /Attempt \d failed: .*500.*; retrying at /);
    const booked = await pollShipment(kss, id, (a) => a.json?.status === 'booked', { timeoutMs: 30_000 });
    assert.equal(booked.json.status, 'booked', booked.text);
    const calls = await sandbox.callsSince(before);
    assert.ok(calls['postplus.parcels'] >= 3, JSON.stringify(calls));
    assert.equal(calls['postplus.parcels.created'], 1, JSON.stringify(calls));
    // The whole sandbox holds one parcel under this shipment's key.
    assert.equal((await kss.confirm(id)).json.status, 'booked');
  });
});

describe('PostPlus end of day (operator route)', () => {
  const endOfDay = (token = OPS_TOKEN, body) => call(`${edge.url}/ops/postplus/end-of-day`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    body: body ?? '',
  });

  test('the day\'s shipment is submitted once, its documents listed and served as PDF', async () => {
    // At least one parcel of this day: the tests above booked PostPlus parcels.
    const { session, options } = await served();
    const created = await kss.createShipment(shipmentBody(session, option(options, 'postplus-home')));
    assert.equal(created.status, 201, created.text);
    assert.equal((await kss.confirm(created.json.shipment_id)).status, 200);
    const booked = await pollShipment(kss, created.json.shipment_id, (a) => a.json?.status === 'booked');
    assert.equal(booked.json.status, 'booked', booked.text);

    const before = await sandbox.calls();
    const first = await endOfDay();
    assert.equal(first.status, 200, first.text);
    const day = CLOCK.now.slice(0, 10);
    assert.equal(first.json.date, day);
    assert.equal(first.json.shipment_nr, `SHOP-${day.replaceAll('-', '')}`);
    assert.ok(first.json.parcels >= 1, first.text);
    assert.equal(typeof first.json.submitted_on, 'string', first.text);
    assert.equal(first.json.documents.length, 2, first.text);
    assert.equal(first.json.note, undefined);
    const since = await sandbox.callsSince(before);
    assert.deepEqual([since['postplus.prepare'], since['postplus.submit'], since['postplus.shipments.submitted']], [1, 1, 1]);

    // Again: the same report, nothing prepared or submitted twice.
    const again = await endOfDay(OPS_TOKEN, JSON.stringify({ date: day }));
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.json, first.json);
    const after = await sandbox.callsSince(before);
    assert.deepEqual([after['postplus.prepare'], after['postplus.submit']], [1, 1]);

    const pdf = await fetch(`${edge.url}/ops/postplus/documents/${first.json.documents[0]}`, { headers: { authorization: `Bearer ${OPS_TOKEN}` } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  });

  test('a booked parcel\'s label is served as PDF under the print id GET /shipment names', async () => {
    const { session, options } = await served();
    const created = await kss.createShipment(shipmentBody(session, option(options, 'postplus-home')));
    assert.equal(created.status, 201, created.text);
    assert.equal((await kss.confirm(created.json.shipment_id)).status, 200);
    const booked = await pollShipment(kss, created.json.shipment_id, (a) => a.json?.status === 'booked');
    const printId = booked.json.additional_info.match(/label print (\d+),/)?.[1];
    assert.ok(printId, booked.text);
    const label = await fetch(`${edge.url}/ops/postplus/labels/${printId}`, { headers: { authorization: `Bearer ${OPS_TOKEN}` } });
    assert.equal(label.status, 200);
    assert.equal(label.headers.get('content-type'), 'application/pdf');
    assert.equal(label.headers.get('content-disposition'), `attachment; filename="postplus-label-${printId}.pdf"`);
    assert.equal(Buffer.from(await label.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
    const refused = await fetch(`${edge.url}/ops/postplus/labels/${printId}`, { headers: { authorization: 'Bearer wrong-token' } });
    assert.equal(refused.status, 401);
  });

  test('a day without parcels is left alone; a wrong token is 401; a bad date names it', async () => {
    const empty = await endOfDay(OPS_TOKEN, JSON.stringify({ date: '2031-01-02' }));
    assert.equal(empty.status, 200, empty.text);
    assert.deepEqual(
      { parcels: empty.json.parcels, submitted_on: empty.json.submitted_on, documents: empty.json.documents, note: empty.json.note },
      { parcels: 0, submitted_on: undefined, documents: [], note: 'no parcel was booked for this day: nothing to submit' },
    );
    for (const token of [null, 'wrong-token']) {
      const refused = await endOfDay(token);
      assert.equal(refused.status, 401, refused.text);
      assert.equal(refused.json.error, 'unauthorized');
    }
    const bad = await endOfDay(OPS_TOKEN, JSON.stringify({ date: '5 December' }));
    assert.equal(bad.status, 400, bad.text);
    assert.deepEqual(bad.json, { error: 'invalid_request', field: 'date', message: 'date `5 December` is not a date written YYYY-MM-DD' });
  });
});

test('no secret is in any answer', () => {
  assertNoSecretIn(answersSeen, SANDBOX_SECRETS, { KSS_TOKEN_SECRET: TOKEN_SECRET, OPS_TOKEN }, Object.fromEntries(Object.entries(MERCHANTS).map(([id, key]) => [`key of ${id}`, key])));
});

/** The fields KSS echoes back of an option, for replacing a selection's. */
function pickFields(o) {
  return { id: o.id, carrier: o.carrier, type: o.type, price: o.price, tax_rate: o.tax_rate };
}
