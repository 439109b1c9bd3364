// The storefront (www/) with the <delivery-options> widget in headless Chromium, against the edge
// in workerd and the carrier sandbox: what the shopper sees (exact names, prices, sentences,
// logos, environmental tags), the keyboard-only flow and the submitted form value, the `change`
// event, a postal code change with a stale answer, carrier faults and the fallback, the error
// state with retry, and carrier text shown as text.
//
// The edge runs the test shop (lib/checkout.mjs) with a PostNord logo and fallback options that
// have delivery windows and addons (the sandbox's carriers send neither). The answer cache and
// last-good answers are off, so every question reaches the sandbox and a fault shows at once.

import { createServer } from 'node:http';
import { once } from 'node:events';
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALLOWED_ORIGINS, TEST_SHOP, quote } from './lib/checkout.mjs';
import {
  POSTNORD_LOGO_URL, startStorefront, axeViolations, focused, inShadow, closePage, loadEveryImage, newPage, screenshot, tabUntil,
  waitForWidgetEvents, widgetEvents, widgetView,
} from './lib/browser.mjs';

const DEADLINE_MS = 1500;
const NBSP = '\u00a0';

/** The shop's own options for Norway, served when no carrier answers: home delivery has two
 * delivery windows and two addons, so the keyboard flow can choose and fill them. */
const FALLBACK_NO = [
  {
    id: 'fallback-home', name: 'Hjemlevering fra butikken', carrier: 'shop', type: 'delivery-address',
    price: 12900, tax_rate: 2500, currency: 'NOK', group: 'home',
    timeslots: [
      { id: 'ts-day', start: '2026-12-01T08:00:00+01:00', end: '2026-12-01T16:00:00+01:00' },
      { id: 'ts-evening', start: '2026-12-01T17:00:00+01:00', end: '2026-12-01T21:00:00+01:00', price: 4900 },
    ],
    addons: [
      { id: 'door_code', type: 'string', price: 0, max_length: 8 },
      { id: 'sms', type: 'sms', price: 900 },
    ],
  },
  { id: 'fallback-pickup', name: 'Hent i butikken', carrier: 'shop', type: 'pickup-point', price: 0, tax_rate: 2500, currency: 'NOK', group: 'pickup' },
];

/** What the storefront's cart asks for (www/checkout.js): 1200 g in a 30×20×10 cm box, 947 kr. */
const CART = { parcels: [{ weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 }], order_value: 94700, currency: 'NOK' };
const OSLO = { country: 'NO', postal_code: '0150', street_address: "Biskop Gunnerus' gate 14", city: 'Oslo' };

/**
 * NO 0150, 1200 g (2 kg chargeable), as the storefront shows it: grouped (home, pickup point,
 * parcel locker, mailbox), cheapest first within a group. Bring's prices are the sandbox's table
 * with 25 % VAT (5800: 89 + 6 = 95 → 118,75 kr); PostNord's are the test shop's, with the
 * "free from 1 000 kr" hint (the cart is 947 kr). Only Bring sends environmental texts; PostNord
 * sends a fossil-free share of 1, which the widget words itself. Bring sends Posten's logo for
 * Norway, so its alt reads "Posten".
 */
const BRING_TAG = {
  text: 'Pakken leveres med elbil fra lokal terminal til valgt leveringsadresse',
  image: 'https://www.mybring.com/shipping-guide/assets/img/Environment_tag_electric_no.png',
};
const POSTEN_LOGO = { alt: 'Posten', src: 'https://www.mybring.com/shipping-guide/assets/img/Posten_logo.svg' };
const POSTNORD_LOGO = { alt: 'PostNord', src: POSTNORD_LOGO_URL };
const POSTNORD_TAG = { text: 'Fossilfri levering', image: null };
const FREE_FROM = `Gratis fra 1${NBSP}000${NBSP}kr`;
const OSLO_OPTIONS = [
  { id: 'postnord-home', group: 'Hjemlevering', name: 'Hjemlevering', price: `141,25${NBSP}kr`, freeAbove: FREE_FROM, logo: POSTNORD_LOGO, environmental: POSTNORD_TAG,
    description: 'Levering hjem til deg. Pakker over 20 kg leveres til eiendomsgrensen mot signatur.' },
  { id: 'bring-5600', group: 'Hjemlevering', name: 'Levert hjem', price: `170${NBSP}kr`, freeAbove: null, logo: POSTEN_LOGO, environmental: BRING_TAG,
    description: 'Pakken leveres hjem til deg på kveldstid. Du får varsel på SMS.' },
  { id: 'postnord-service-point', group: 'Hentested', name: 'Hent på hentested', price: `49${NBSP}kr`, freeAbove: FREE_FROM, logo: POSTNORD_LOGO, environmental: POSTNORD_TAG,
    description: 'Levering til et hentested nær deg. Du varsles på sms/e-post og i PostNord-appen.' },
  { id: 'bring-5800', group: 'Hentested', name: 'Til hentested', price: `118,75${NBSP}kr`, freeAbove: null, logo: POSTEN_LOGO, environmental: BRING_TAG,
    description: 'Pakken kan spores og utleveres på ditt lokale hentested.' },
  { id: 'postnord-parcel-locker', group: 'Pakkeautomat', name: 'Hent i pakkeboks', price: `39${NBSP}kr`, freeAbove: FREE_FROM, logo: POSTNORD_LOGO, environmental: POSTNORD_TAG,
    description: 'Levering til en pakkeboks nær deg, som du åpner med PostNord-appen.' },
  { id: 'postnord-mailbox', group: 'Postkasse', name: 'I postkassen eller på døren', price: `45${NBSP}kr`, freeAbove: FREE_FROM, logo: POSTNORD_LOGO, environmental: POSTNORD_TAG,
    description: 'Enkel, sporbar levering i postkassen eller på døren.' },
  { id: 'bring-3584', group: 'Postkasse', name: 'I postkassen', price: `83,75${NBSP}kr`, freeAbove: null, logo: POSTEN_LOGO, environmental: BRING_TAG,
    description: 'Pakken leveres i postkassen din. Får den ikke plass, settes den utenfor døren.' },
];

let checkout;
let sandbox;
let edge;
let browser;
let page;
/** A shop's checkout page on its own origin, embedding the widget from the edge (the test shop
 * allows this origin in ALLOWED_ORIGINS). */
let shopServer;
let shopOrigin;

before(async () => {
  shopServer = createServer((request, response) => {
    const headers = { 'content-type': 'text/html; charset=utf-8' };
    if (request.url === '/kasse-csp') {
      // What the README asks of a shop with a Content Security Policy, and nothing more.
      headers['content-security-policy'] = `default-src 'self'; script-src ${edge.url} 'wasm-unsafe-eval'; ` +
        `connect-src ${edge.url}; img-src ${edge.url} https:`;
    }
    response.writeHead(200, headers);
    // `/uten-kasse`: a page of the shop's that carries the script (a shared template) but no
    // element; `/kasse-uten-adresse`: the element before the shopper has given an address.
    const element = {
      '/uten-kasse': '',
      '/kasse-uten-adresse': '<delivery-options country="NO" name="shipping"></delivery-options>',
    }[request.url] ?? '<delivery-options country="NO" postal-code="0150" name="shipping"></delivery-options>';
    response.end('<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Kasse</title>' +
      `<script type="module" src="${edge.url}/widget/delivery-options.js"></script></head><body><form>` +
      `${element}</form></body></html>`);
  });
  shopServer.listen(0, '127.0.0.1');
  await once(shopServer, 'listening');
  shopOrigin = `http://127.0.0.1:${shopServer.address().port}`;
  checkout = await startStorefront({
    deadlineMs: DEADLINE_MS,
    vars: {
      FALLBACK_OPTIONS: JSON.stringify({ ...TEST_SHOP.FALLBACK_OPTIONS, NO: FALLBACK_NO }),
      ALLOWED_ORIGINS: [...ALLOWED_ORIGINS, shopOrigin].join(','),
    },
  });
  ({ sandbox, edge, browser } = checkout);
});

after(async () => {
  await checkout?.stop();
  shopServer?.close();
});

afterEach(async () => {
  const errors = await closePage(page);
  page = undefined;
  await sandbox.clearFaults();
  await fetch(`${sandbox.url}/__sandbox/bring/texts`, { method: 'DELETE' });
  assert.deepEqual(errors, [], 'uncaught errors in the page');
});

/** Opens the storefront and waits for the widget's first `load`; returns the page. */
async function openStorefront({ waitForLoad = true } = {}) {
  page = await newPage(browser);
  await page.goto(`${edge.url}/`);
  if (waitForLoad) await waitForWidgetEvents(page, 'load');
  return page;
}

/** Each option's delivery-time sentence as the edge words it for `body`, by option id. */
async function sentences(body) {
  const answer = await quote(edge, body);
  assert.equal(answer.status, 200, answer.text);
  return Object.fromEntries(answer.json.options.map((option) => [option.id, option.delivery_time_text]));
}

/** Every carrier's next answer comes `ms` late (the sandbox's delay fault, once each). */
async function holdBackNextAnswers(ms) {
  for (const carrier of ['bring', 'bring_pickup', 'postnord']) {
    await sandbox.fault(carrier, 'delay', { ms, times: 1 });
  }
}

/** The storefront's order summary: shipping and total as shown. */
function totals() {
  return page.evaluate(() => ({
    subtotal: document.getElementById('subtotal').textContent,
    shipping: document.getElementById('shipping-price').textContent,
    total: document.getElementById('total').textContent,
  }));
}

describe('the storefront shows the options', () => {
  test('both carriers, with logos, exact prices, sentences and environmental tags, after one exact request', async () => {
    page = await newPage(browser);
    const requests = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/delivery-options')) requests.push(request.postDataJSON());
    });
    await page.goto(`${edge.url}/`);
    const [loaded] = await waitForWidgetEvents(page, 'load');
    assert.equal(loaded.detail, JSON.stringify({ options: 7, warnings: [] }));

    // The storefront's address and cart, as one request (the debounce folds the cart and the
    // attributes set at start-up into it).
    assert.deepEqual(requests, [{ recipient: OSLO, ...CART, locale: 'nb' }]);

    const expectedSentences = await sentences(requests[0]);
    const view = await widgetView(page);
    assert.deepEqual(
      view.options,
      OSLO_OPTIONS.map((option) => ({ ...option, deliveryTime: expectedSentences[option.id], selected: false })),
    );
    for (const option of view.options) {
      assert.match(option.deliveryTime, /^Leveres /, option.id);
    }
    assert.equal(view.status, 'Leveringsmåter: 7');
    assert.equal(view.notice, null);

    // The logos loaded (the page's stand-ins for the carriers' images) and have alt text.
    await loadEveryImage(page);
    const logos = await inShadow(page, (root) => [...root.querySelectorAll('img.logo')].map((img) => [img.alt, img.complete && img.naturalWidth > 0]));
    assert.equal(logos.length, 7);
    assert.ok(logos.every(([alt, loaded]) => alt.length > 0 && loaded), JSON.stringify(logos));

    assert.deepEqual(await totals(), { subtotal: `947${NBSP}kr`, shipping: 'Velg levering', total: `947${NBSP}kr` });
  });

  test('a bigger cart reaches PostNord\'s free_above: its options read Gratis', async () => {
    await openStorefront();
    // Two pairs of socks: 1 066 kr, 1430 g (still 2 kg chargeable, so Bring's prices stay).
    await page.selectOption('#cart [data-sku="sokker"] select', '2');
    await waitForWidgetEvents(page, 'load', 2);
    const prices = Object.fromEntries((await widgetView(page)).options.map((option) => [option.id, [option.price, option.freeAbove]]));
    assert.deepEqual(prices, {
      'postnord-home': ['Gratis', null],
      'bring-5600': [`170${NBSP}kr`, null],
      'postnord-service-point': ['Gratis', null],
      'bring-5800': [`118,75${NBSP}kr`, null],
      'postnord-parcel-locker': ['Gratis', null],
      'postnord-mailbox': ['Gratis', null],
      'bring-3584': [`83,75${NBSP}kr`, null],
    });
    assert.equal((await totals()).subtotal, `1${NBSP}066${NBSP}kr`);
  });

  test('another country: the storefront sets its example address and the widget asks for it', async () => {
    await openStorefront();
    await page.selectOption('#country', 'SE');
    await waitForWidgetEvents(page, 'load', 2);
    const ids = (await widgetView(page)).options.map((option) => option.id);
    assert.deepEqual(ids, ['postnord-home', 'bring-0349', 'postnord-service-point', 'bring-0340', 'postnord-parcel-locker', 'postnord-mailbox']);
    assert.equal(await page.inputValue('#postal-code'), '111 34');
    assert.equal(await page.textContent('#postal-code-hint'), '5 siffer, for eksempel 111 34');
  });

  test('a postal code that is not yet whole: the widget asks for one instead of fetching', async () => {
    await openStorefront();
    let requests = 0;
    page.on('request', (request) => { if (request.url().endsWith('/v1/delivery-options')) requests++; });
    await page.fill('#postal-code', '01');
    await page.waitForFunction(() => document.querySelector('delivery-options').shadowRoot.querySelector('.message'));
    const view = await widgetView(page);
    assert.equal(view.message, 'Skriv inn postnummeret ditt for å se leveringsmåter.');
    assert.deepEqual(view.options, []);
    assert.equal(requests, 0);
    assert.equal(await page.getAttribute('#postal-code', 'aria-invalid'), '');
  });
});

describe('choosing', () => {
  test('keyboard only: Tab to the group, arrows to a pickup option, another point, submit → the exact form value', async () => {
    await openStorefront();
    // From the top of the page: Tab through the address fields into the widget's radio group,
    // which nothing is chosen in yet, so focus lands on its first radio.
    const first = await tabUntil(page, (f) => f.name === 'option');
    assert.deepEqual([first.value, first.checked], ['postnord-home', false]);

    // Arrows move and choose: home (Bring), then the pickup points' group.
    for (const expected of ['bring-5600', 'postnord-service-point', 'bring-5800']) {
      await page.keyboard.press('ArrowDown');
      const now = await focused(page);
      assert.deepEqual([now.value, now.checked], [expected, true]);
    }
    // The pickup option's list opened with its nearest point chosen; Tab reaches it (past the
    // option's "more" toggle), and an arrow picks the next one.
    const point = await tabUntil(page, (f) => f.name?.startsWith('pickup-'), { max: 3 });
    assert.deepEqual([point.value, point.checked], ['1015000', true]);
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await focused(page).then((f) => [f.value, f.checked]), ['1015001', true]);

    await tabUntil(page, (f) => f.id === 'pay');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#receipt:not([hidden])');
    assert.equal(
      await page.textContent('#submitted-shipping'),
      '{"option_id":"bring-5800","carrier":"bring","price":11875,"currency":"NOK","pickup_point_id":"1015001","addons":[],"timeslot_id":null}',
    );
    assert.deepEqual(await totals(), { subtotal: `947${NBSP}kr`, shipping: `118,75${NBSP}kr`, total: `1${NBSP}065,75${NBSP}kr` });
    // Focus moved to the receipt's heading, so a screen reader reads it.
    assert.equal((await focused(page)).id, 'receipt-title');
  });

  test('keyboard only with a delivery window and addons (the shop\'s fallback options): the exact form value', async () => {
    for (const carrier of ['bring', 'postnord']) await sandbox.fault(carrier, 'status', { status: 500 });
    await openStorefront();
    const first = await tabUntil(page, (f) => f.name === 'option');
    assert.deepEqual([first.value, first.checked], ['fallback-home', false]);
    // Down to the pickup option and back up: arrows choose as they move.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    assert.deepEqual(await focused(page).then((f) => [f.value, f.checked]), ['fallback-home', true]);

    // The first delivery window is chosen with the option; the arrow takes the evening one.
    const slot = await tabUntil(page, (f) => f.name?.startsWith('timeslot-'), { max: 2 });
    assert.deepEqual([slot.value, slot.checked], ['ts-day', true]);
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await focused(page).then((f) => [f.value, f.checked]), ['ts-evening', true]);

    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).type, 'text');
    await page.keyboard.type('1234B-extra'); // max_length 8 keeps "1234B-ex"
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).type, 'checkbox');
    await page.keyboard.press('Space');

    await tabUntil(page, (f) => f.id === 'pay');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#receipt:not([hidden])');
    // 129 kr + 49 kr (evening) + 9 kr (SMS).
    assert.equal(
      await page.textContent('#submitted-shipping'),
      '{"option_id":"fallback-home","carrier":"shop","price":18700,"currency":"NOK","pickup_point_id":null,' +
        '"addons":[{"id":"door_code","value":"1234B-ex"},{"id":"sms","value":true}],"timeslot_id":"ts-evening"}',
    );
    assert.deepEqual(await totals(), { subtotal: `947${NBSP}kr`, shipping: `187${NBSP}kr`, total: `1${NBSP}134${NBSP}kr` });
  });

  test('the change event\'s detail, exact, for each kind of choice; the storefront\'s total follows it', async () => {
    await openStorefront();
    const choose = (id) => inShadow(page, (root, value) => root.querySelector(`input[name="option"][value="${value}"]`).click(), id);

    await choose('bring-5600');
    await choose('postnord-service-point');
    // Another point of the PostNord service point option.
    await inShadow(page, (root) => root.querySelector('.option.selected').querySelectorAll('.pickup-point input')[2].click());
    await choose('postnord-parcel-locker');
    const details = (await widgetEvents(page, 'change')).map((event) => event.detail);
    assert.deepEqual(details, [
      '{"option_id":"bring-5600","carrier":"bring","price":17000,"currency":"NOK","pickup_point_id":null,"addons":[],"timeslot_id":null}',
      '{"option_id":"postnord-service-point","carrier":"postnord","price":4900,"currency":"NOK","pickup_point_id":"15000","addons":[],"timeslot_id":null}',
      '{"option_id":"postnord-service-point","carrier":"postnord","price":4900,"currency":"NOK","pickup_point_id":"15003","addons":[],"timeslot_id":null}',
      '{"option_id":"postnord-parcel-locker","carrier":"postnord","price":3900,"currency":"NOK","pickup_point_id":"15001","addons":[],"timeslot_id":null}',
    ]);
    // The element's `value` is the last detail; the service point option's list closed again.
    assert.equal(await page.evaluate(() => JSON.stringify(document.querySelector('delivery-options').value)), details.at(-1));
    const extrasShown = await inShadow(page, (root) => [...root.querySelectorAll('.extras')].filter((e) => !e.hidden).length);
    assert.equal(extrasShown, 1);
    assert.deepEqual(await totals(), { subtotal: `947${NBSP}kr`, shipping: `39${NBSP}kr`, total: `986${NBSP}kr` });
    assert.equal((await widgetView(page)).status, `Valgt: Hent i pakkeboks, 39${NBSP}kr`);
  });

  test('required: submitting without a choice does not submit, and says why', async () => {
    await openStorefront();
    await page.click('#pay');
    assert.equal(await page.isHidden('#receipt'), true);
    assert.deepEqual(
      await page.evaluate(() => {
        const widget = document.querySelector('delivery-options');
        return [widget.validity.valueMissing, widget.validationMessage, widget.form.checkValidity()];
      }),
      [true, 'Velg en leveringsmåte.', false],
    );
  });
});

describe('while the first answer is on its way', () => {
  test('only the skeleton shows, no event fires and nothing is fetched but the widget and the question; then the options', async () => {
    // The widget runs its render once on a sample of its own while it waits (widget/src/element/
    // warm.rs); none of that may reach the page.
    await holdBackNextAnswers(800);
    page = await newPage(browser);
    const requests = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${edge.url}/`);
    await page.waitForFunction(() => document.querySelector('delivery-options').shadowRoot?.querySelector('[aria-busy="true"]'));
    await page.waitForTimeout(300);
    const waiting = await inShadow(page, (root) => ({
      skeletonRows: root.querySelectorAll('.skeleton-row').length,
      options: root.querySelectorAll('.option, input, img').length,
    }));
    assert.deepEqual(waiting, { skeletonRows: 3, options: 0 });
    assert.deepEqual(await widgetEvents(page), []);
    // Besides the page and the widget's own files (scripts, styles, wasm).
    const fetched = requests.filter((path) => path !== '/' && path !== '/favicon.ico' && !/\.(js|css|wasm)$/.test(path));
    assert.deepEqual(fetched, ['/v1/delivery-options']);

    await waitForWidgetEvents(page, 'load');
    assert.deepEqual((await widgetView(page)).options.map((option) => option.id), OSLO_OPTIONS.map((option) => option.id));
    assert.equal((await widgetEvents(page)).length, 1, 'one load event, and no other');
  });

  test('the warm-up runs once, after the question is sent, also on a page that first had no address', async () => {
    await holdBackNextAnswers(800);
    page = await newPage(browser);
    // The warm-up's one trace: the document of its own it renders into; and when the question
    // goes out.
    await page.addInitScript(() => {
      window.__warmUps = [];
      const create = DOMImplementation.prototype.createHTMLDocument;
      DOMImplementation.prototype.createHTMLDocument = function spied(...args) {
        window.__warmUps.push(performance.now());
        return create.apply(this, args);
      };
      const send = window.fetch;
      window.fetch = function spied(...args) {
        window.__asked ??= performance.now();
        return send.apply(this, args);
      };
    });
    await page.goto(`${shopOrigin}/kasse-uten-adresse`);
    await page.waitForFunction(() => document.querySelector('delivery-options').shadowRoot?.querySelector('.message'));
    await page.waitForTimeout(200);
    assert.deepEqual(await page.evaluate(() => window.__warmUps), [], 'no question yet, nothing to wait for');

    await page.evaluate(() => document.querySelector('delivery-options').setAttribute('postal-code', '0150'));
    await page.waitForFunction(() => document.querySelector('delivery-options').shadowRoot.querySelector('[aria-busy="true"]'));
    await page.waitForTimeout(300);
    const { warmUps, asked } = await page.evaluate(() => ({ warmUps: window.__warmUps, asked: window.__asked }));
    assert.equal(warmUps.length, 1);
    assert.ok(warmUps[0] >= asked, `the warm-up (${warmUps[0]} ms) after the question (${asked} ms)`);
    await waitForWidgetEvents(page, 'load');
    await page.evaluate(() => document.querySelector('delivery-options').setAttribute('postal-code', '9010'));
    await waitForWidgetEvents(page, 'load', 2);
    assert.equal((await page.evaluate(() => window.__warmUps)).length, 1, 'once per page');
  });
});

describe('asking again', () => {
  test('a postal code change refetches, and the slower answer for the old code never wins', async () => {
    // The first question (NO 0150) is held back 1 s by every carrier; the second (9010) is not.
    await holdBackNextAnswers(1000);
    page = await newPage(browser);
    const answers = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/v1/delivery-options')) answers.push(response.request().postDataJSON().recipient.postal_code);
    });
    const sent = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/delivery-options')) sent.push(request.postDataJSON().recipient.postal_code);
    });
    await page.goto(`${edge.url}/`);
    await page.waitForFunction(() => document.querySelector('delivery-options').shadowRoot?.querySelector('[aria-busy="true"]'));
    await page.fill('#postal-code', '9010');
    await page.fill('#city', 'Tromsø');
    await waitForWidgetEvents(page, 'load');
    // Long enough for the held-back answer to have arrived, had it not been dropped.
    await page.waitForTimeout(1200);

    assert.deepEqual(sent, ['0150', '9010']);
    assert.deepEqual(answers, ['9010'], 'the first request should have been aborted');
    assert.equal((await widgetEvents(page, 'load')).length, 1);
    const expectedSentences = await sentences({ recipient: { country: 'NO', postal_code: '9010', street_address: "Biskop Gunnerus' gate 14", city: 'Tromsø' }, ...CART, locale: 'nb' });
    const view = await widgetView(page);
    // Zone 6 (first digit 9): 5800 costs 89 + 6 + 5 × 8 = 135 kr + VAT; no environmental data.
    assert.deepEqual(
      view.options.map((option) => [option.id, option.price, option.deliveryTime, option.environmental]),
      [
        ['postnord-home', `141,25${NBSP}kr`, expectedSentences['postnord-home'], null],
        ['bring-5600', `232,50${NBSP}kr`, expectedSentences['bring-5600'], null],
        ['postnord-service-point', `49${NBSP}kr`, expectedSentences['postnord-service-point'], null],
        ['bring-5800', `168,75${NBSP}kr`, expectedSentences['bring-5800'], null],
        ['postnord-parcel-locker', `39${NBSP}kr`, expectedSentences['postnord-parcel-locker'], null],
        ['postnord-mailbox', `45${NBSP}kr`, expectedSentences['postnord-mailbox'], null],
        ['bring-3584', `108,75${NBSP}kr`, expectedSentences['bring-3584'], null],
      ],
    );
  });

  test('a choice survives a refetch that still offers it: change fires with the new price and the new nearest point', async () => {
    await openStorefront();
    await inShadow(page, (root) => root.querySelector('input[value="bring-5800"]').click());
    await page.fill('#postal-code', '9010');
    await waitForWidgetEvents(page, 'load', 2);
    await waitForWidgetEvents(page, 'change', 2);
    const details = (await widgetEvents(page, 'change')).map((event) => event.detail);
    assert.deepEqual(details, [
      '{"option_id":"bring-5800","carrier":"bring","price":11875,"currency":"NOK","pickup_point_id":"1015000","addons":[],"timeslot_id":null}',
      '{"option_id":"bring-5800","carrier":"bring","price":16875,"currency":"NOK","pickup_point_id":"1901000","addons":[],"timeslot_id":null}',
    ]);
    assert.equal((await totals()).shipping, `168,75${NBSP}kr`);
  });
});

describe('never blank', () => {
  test('Bring failing: PostNord\'s options, and the load event names Bring\'s failure', async () => {
    await sandbox.fault('bring', 'status', { status: 500 });
    await openStorefront();
    const view = await widgetView(page);
    assert.deepEqual(view.options.map((option) => option.id), ['postnord-home', 'postnord-service-point', 'postnord-parcel-locker', 'postnord-mailbox']);
    assert.equal(view.error, null);
    assert.equal(view.notice, null);
    const [loaded] = await widgetEvents(page, 'load');
    const detail = JSON.parse(loaded.detail);
    assert.equal(detail.options, 4);
    assert.deepEqual(detail.warnings.map(({ carrier, code }) => [carrier, code]), [['bring', 'unavailable']]);
  });

  test('every carrier failing: the shop\'s fallback options under a note', async () => {
    for (const carrier of ['bring', 'postnord']) await sandbox.fault(carrier, 'status', { status: 503 });
    await openStorefront();
    const view = await widgetView(page);
    assert.equal(view.notice, 'Viser våre vanlige leveringsmåter.');
    assert.deepEqual(
      view.options.map(({ id, group, name, price, logo }) => ({ id, group, name, price, logo })),
      [
        { id: 'fallback-home', group: 'Hjemlevering', name: 'Hjemlevering fra butikken', price: `129${NBSP}kr`, logo: null },
        { id: 'fallback-pickup', group: 'Hentested', name: 'Hent i butikken', price: 'Gratis', logo: null },
      ],
    );
    const [loaded] = await widgetEvents(page, 'load');
    assert.deepEqual(
      JSON.parse(loaded.detail).warnings.map(({ carrier, code }) => [carrier, code]),
      [['bring', 'unavailable'], ['postnord', 'unavailable'], ['shop', 'fallback']],
    );
  });

  test('the edge unreachable: a message and a retry button, which loads the options once it answers', async () => {
    page = await newPage(browser);
    await page.route('**/v1/delivery-options', (route) => route.abort('connectionrefused'));
    await page.goto(`${edge.url}/`);
    const [failed] = await waitForWidgetEvents(page, 'error');
    assert.equal(failed.detail, '{"message":"Failed to fetch"}');
    let view = await widgetView(page);
    assert.deepEqual([view.error, view.retry, view.options.length], ['Kunne ikke hente leveringsmåter.', 'Prøv igjen', 0]);
    assert.equal(view.status, 'Kunne ikke hente leveringsmåter.');

    await page.unroute('**/v1/delivery-options');
    // The retry button by keyboard: it is the next stop after the address fields.
    const retry = await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Prøv igjen');
    assert.ok(retry);
    await page.keyboard.press('Enter');
    await waitForWidgetEvents(page, 'load');
    view = await widgetView(page);
    assert.equal(view.options.length, 7);
    assert.equal(view.error, null);
  });
});

describe('images that fail to load', () => {
  /** Per option: its height, its logo's box and what it is, its tag image's box and state. */
  function layout() {
    return inShadow(page, (root) => Object.fromEntries([...root.querySelectorAll('.option')].map((option) => {
      const box = (element) => {
        if (!element) return null;
        const rect = element.getBoundingClientRect();
        return { width: rect.width, height: rect.height, x: Math.round(rect.x), y: Math.round(rect.y) };
      };
      const logo = option.querySelector('.logo');
      const tag = option.querySelector('.environmental-image');
      return [option.querySelector('input[name="option"]').value, {
        height: option.getBoundingClientRect().height,
        name: box(option.querySelector('.name')),
        logo: logo && {
          box: box(logo), tag: logo.localName, part: logo.getAttribute('part'), text: logo.localName === 'img' ? null : logo.textContent,
          loaded: logo.localName === 'img' ? logo.complete && logo.naturalWidth > 0 : null,
        },
        tag: tag && { box: box(tag), failed: tag.hasAttribute('data-failed'), visibility: getComputedStyle(tag).visibility },
      }];
    })));
  }

  test('a logo that 404s shows the carrier\'s name in the logo\'s box, a failed tag image is hidden, and nothing moves', async () => {
    // The same storefront with every image loading, for the boxes to compare with.
    await openStorefront();
    await loadEveryImage(page);
    const loaded = await layout();
    assert.deepEqual(await closePage(page), [], 'uncaught errors in the page');

    // The sandbox's answer for a mark it does not have: a 404 with a text body.
    const missing = await fetch(`${sandbox.url}/logos/missing.svg`);
    assert.equal(missing.status, 404);
    const notFound = { status: 404, contentType: missing.headers.get('content-type'), body: await missing.text() };
    page = await newPage(browser);
    // PostNord's logo and Bring's environmental tags 404; Bring's (Posten's) logo still loads.
    await page.route(POSTNORD_LOGO_URL, (route) => route.fulfill(notFound));
    await page.route(/Environment_tag_[^/]*$/, (route) => route.fulfill(notFound));
    await page.goto(`${edge.url}/`);
    await waitForWidgetEvents(page, 'load');
    await loadEveryImage(page);
    await page.waitForFunction(() => {
      const root = document.querySelector('delivery-options').shadowRoot;
      return root.querySelectorAll('.logo-text').length === 4 && root.querySelectorAll('img[data-failed]').length === 3;
    });
    const failed = await layout();

    const ids = OSLO_OPTIONS.map((option) => option.id);
    assert.deepEqual(Object.keys(failed), ids);
    const logoBox = { width: 40, height: 40 };
    for (const id of ids) {
      const before = loaded[id];
      const after = failed[id];
      // Nothing moved: the option, its name and its logo's box are where they were.
      assert.equal(after.height, before.height, `${id}: option height`);
      assert.deepEqual(after.name, before.name, `${id}: the name's box`);
      assert.deepEqual(after.logo.box, before.logo.box, `${id}: the logo's box`);
      assert.deepEqual(
        { width: before.logo.box.width, height: before.logo.box.height },
        logoBox,
        `${id}: the loaded logo's size`,
      );
      assert.deepEqual(before.logo, { ...before.logo, tag: 'img', part: 'logo', text: null, loaded: true }, id);
      if (id.startsWith('postnord-')) {
        assert.deepEqual(after.logo, { box: before.logo.box, tag: 'span', part: 'logo-text', text: 'PostNord', loaded: null }, id);
        assert.equal(after.tag, null, `${id}: PostNord sends no tag image`);
      } else {
        assert.deepEqual(after.logo, before.logo, `${id}: Posten's logo still loads`);
        assert.deepEqual(before.tag, { box: before.tag.box, failed: false, visibility: 'visible' }, id);
        assert.deepEqual(after.tag, { box: before.tag.box, failed: true, visibility: 'hidden' }, id);
      }
    }
    // The name reads as text (the alt was the carrier's), and the radio's label still names it.
    const label = await inShadow(page, (root) => root.querySelector('.option[data-i] .row').textContent.replace(/\s+/g, ' '));
    assert.match(label, /^PostNordHjemlevering/);
    assert.deepEqual(await axeViolations(page), [], 'axe violations with failed images');
    await screenshot(page, 'storefront-failed-images.png');
  });
});

describe('badges', () => {
  /** The badges' words in each locale (widget/src/strings.rs), by the edge's badge word. */
  const BADGE_WORDS = {
    nb: { fastest: 'Raskest', cheapest: 'Billigst', greenest: 'Mest klimavennlig' },
    en: { fastest: 'Fastest', cheapest: 'Cheapest', greenest: 'Most climate-friendly' },
    sv: { fastest: 'Snabbast', cheapest: 'Billigast', greenest: 'Mest klimatsmart' },
    da: { fastest: 'Hurtigst', cheapest: 'Billigst', greenest: 'Mest klimavenlig' },
    fi: { fastest: 'Nopein', cheapest: 'Edullisin', greenest: 'Ilmastoystävällisin' },
    de: { fastest: 'Am schnellsten', cheapest: 'Am günstigsten', greenest: 'Am klimafreundlichsten' },
  };

  /** Per option with badges: their words, parts and visibility, and its radio's label text. */
  function shownBadges() {
    return inShadow(page, (root) => Object.fromEntries([...root.querySelectorAll('.option')]
      .filter((option) => option.querySelector('.badge'))
      .map((option) => [option.querySelector('input[name="option"]').value, {
        words: [...option.querySelectorAll('.badge')].map((badge) => badge.textContent),
        parts: [...option.querySelectorAll('.badge')].map((badge) => badge.getAttribute('part')),
        shown: option.querySelector('.badges').checkVisibility(),
        label: option.querySelector('.row').innerText.replace(/\s+/g, ' '),
      }])));
  }

  /** Opens the storefront for Bergen (5003): PostNord's last mile is not fossil-free there, so
   * every kind of badge is earned; returns the widget's request for that address. */
  async function openBergen() {
    page = await newPage(browser);
    const asked = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/delivery-options')) asked.push(request.postDataJSON());
    });
    await page.goto(`${edge.url}/`);
    await waitForWidgetEvents(page, 'load');
    await page.fill('#postal-code', '5003');
    await waitForWidgetEvents(page, 'load', 2);
    return asked.at(-1);
  }

  test('each kind on one option, as the edge chose, in the exact words of every locale, and read with the option', async () => {
    const asked = await openBergen();
    assert.equal(asked.recipient.postal_code, '5003');
    const answer = await quote(edge, asked);
    assert.equal(answer.status, 200, answer.text);
    const chosen = answer.json.options.filter((option) => option.badges).map((option) => [option.id, option.badges]);
    const holders = Object.fromEntries(['fastest', 'cheapest', 'greenest'].map((kind) => [
      kind, chosen.filter(([, badges]) => badges.includes(kind)).map(([id]) => id),
    ]));
    // One holder of each kind: the cart (947 kr) is under PostNord's free_above, and in Bergen
    // only Bring states a fossil-free last mile.
    assert.equal(holders.cheapest[0], 'postnord-parcel-locker');
    assert.equal(holders.greenest[0], answer.json.options.find((option) => option.carrier === 'bring').id);
    assert.deepEqual(Object.values(holders).map((ids) => ids.length), [1, 1, 1], JSON.stringify(holders));

    let loads = 2;
    for (const [locale, words] of Object.entries(BADGE_WORDS)) {
      if (locale !== 'nb') {
        await page.evaluate((tag) => document.querySelector('delivery-options').setAttribute('locale', tag), locale);
        await waitForWidgetEvents(page, 'load', ++loads);
      }
      const shown = await shownBadges();
      assert.deepEqual(
        Object.fromEntries(Object.entries(shown).map(([id, { words: w, parts, shown: visible }]) => [id, { words: w, parts, visible }])),
        Object.fromEntries(chosen.map(([id, badges]) => [id, {
          words: badges.map((badge) => words[badge]),
          parts: badges.map((badge) => `badge badge-${badge}`),
          visible: true,
        }])),
        locale,
      );
      // In the radio's label: a screen reader reads them with the option's name.
      for (const [id, badges] of chosen) {
        for (const badge of badges) assert.ok(shown[id].label.includes(words[badge]), `${locale} ${id}: ${shown[id].label}`);
      }
    }
    assert.deepEqual(await axeViolations(page), [], 'axe violations with badges');
  });

  test('no-badges on the element shows and announces none, and taking it off shows them again', async () => {
    await openBergen();
    const before = await shownBadges();
    assert.equal(Object.values(before).flatMap(({ words }) => words).length, 3);
    await page.evaluate(() => document.querySelector('delivery-options').setAttribute('no-badges', ''));
    const off = await shownBadges();
    assert.deepEqual(Object.keys(off), Object.keys(before));
    const words = Object.values(BADGE_WORDS.nb);
    for (const [id, { shown, label }] of Object.entries(off)) {
      assert.equal(shown, false, id);
      for (const word of words) assert.ok(!label.includes(word), `${id}: ${label}`);
    }
    const visible = await inShadow(page, (root) => [...root.querySelectorAll('.badge')].filter((badge) => badge.checkVisibility()).length);
    assert.equal(visible, 0);
    assert.deepEqual(await axeViolations(page), [], 'axe violations with badges off');
    await page.evaluate(() => document.querySelector('delivery-options').removeAttribute('no-badges'));
    assert.deepEqual(await shownBadges(), before);
  });
});

describe('embedded on another origin, as a shop embeds it', () => {
  test('the shop page loads the widget from the edge and shows its options; the ask is a simple request', async () => {
    page = await newPage(browser);
    const asked = [];
    page.on('request', (request) => {
      if (request.url().startsWith(edge.url)) {
        asked.push(`${request.method()} ${new URL(request.url()).pathname} ${request.headers()['content-type'] ?? ''}`.trim());
      }
    });
    await page.goto(`${shopOrigin}/kasse`);
    const [loaded] = await waitForWidgetEvents(page, 'load');
    assert.equal(JSON.parse(loaded.detail).options, 7);
    // The script, its glue and wasm (each needs CORS: edge/assets/_headers), then one POST as
    // text/plain: no header a CORS preflight would be needed for.
    assert.deepEqual(asked.map((line) => line.replace(/\/v\/[0-9a-f]{16}\//, '/v/<hash>/')).sort(), [
      'GET /widget/delivery-options.js',
      'GET /widget/v/<hash>/delivery_options.js',
      'GET /widget/v/<hash>/delivery_options_bg.wasm',
      'POST /v1/delivery-options text/plain;charset=UTF-8',
    ]);
  });

  test('a page with the script but no element loads nothing more, until an element is added', async () => {
    page = await newPage(browser);
    const asked = [];
    page.on('request', (request) => {
      if (request.url().startsWith(edge.url)) asked.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
    await page.goto(`${shopOrigin}/uten-kasse`);
    await page.waitForFunction(() => customElements.get('delivery-options') !== undefined);
    await page.waitForTimeout(500);
    assert.deepEqual(asked, ['GET /widget/delivery-options.js']);

    await page.evaluate(() => {
      const element = document.createElement('delivery-options');
      element.setAttribute('country', 'NO');
      element.setAttribute('postal-code', '0150');
      document.querySelector('form').append(element);
    });
    const [loaded] = await waitForWidgetEvents(page, 'load');
    assert.equal(JSON.parse(loaded.detail).options, 7);
    assert.equal(asked.filter((line) => line.includes('/v/')).length, 2, asked.join('\n'));
  });

  test('under the Content Security Policy the README gives: options, styled by the theme, and no violation', async () => {
    page = await newPage(browser);
    const violations = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${shopOrigin}/kasse-csp`);
    const [loaded] = await waitForWidgetEvents(page, 'load');
    assert.equal(JSON.parse(loaded.detail).options, 7);
    const radius = await inShadow(page, (root) => getComputedStyle(root.querySelector('.option')).borderTopLeftRadius);
    assert.equal(radius, '10px', 'the default theme applies');
    assert.deepEqual(violations, []);
  });

  test('the widget\'s files allow any origin; the build\'s glue and wasm are cached for good, the loader checked', async () => {
    const loader = await fetch(`${edge.url}/widget/delivery-options.js`, { headers: { origin: 'https://any-shop.example' } });
    const named = (await loader.text()).match(/v\/[0-9a-f]{16}\/delivery_options(?:_bg)?\.(?:js|wasm)/g);
    assert.equal(named.length, 2, 'the loader names one glue and one wasm');
    assert.equal(loader.headers.get('access-control-allow-origin'), '*');
    assert.equal(loader.headers.get('cache-control'), 'public, max-age=0, must-revalidate');
    for (const file of named) {
      const answer = await fetch(`${edge.url}/widget/${file}`, { headers: { origin: 'https://any-shop.example' } });
      assert.equal(answer.status, 200, file);
      assert.equal(answer.headers.get('access-control-allow-origin'), '*', file);
      assert.equal(answer.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
    }
    const headers = await fetch(`${edge.url}/_headers`);
    assert.equal(headers.status, 404);
    assert.doesNotMatch(await headers.text(), /Access-Control/);
  });
});

describe('never blank, even without the wasm', () => {
  test('the wasm blocked: the skeleton gives way to a message, and the error event says why', async () => {
    page = await newPage(browser);
    await page.route('**/delivery_options_bg.wasm', (route) => route.abort('blockedbyclient'));
    await page.goto(`${edge.url}/`);
    const [failed] = await waitForWidgetEvents(page, 'error');
    assert.match(JSON.parse(failed.detail).message, /Failed to fetch/);
    const shown = await inShadow(page, (root) => ({
      skeleton: root.querySelector('.skeleton') !== null,
      error: [...root.querySelectorAll('[part="error"]')].map((element) => element.textContent),
    }));
    // In the page's language (the storefront is `lang="nb"`), though the widget's words are in the wasm.
    assert.deepEqual(shown, { skeleton: false, error: ['Kunne ikke hente leveringsmåter.'] });
  });
});

describe('carrier texts are data', () => {
  test('markup in Bring\'s texts shows as text and runs nothing', async () => {
    const name = '<img src=x onerror="window.__xss=1">';
    const description = '<script>window.__xss=2</script>Pakken <b>leveres</b>';
    const help = '<a href="javascript:window.__xss=3">hjelp</a><iframe src="/x"></iframe>';
    const set = await fetch(`${sandbox.url}/__sandbox/bring/texts`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: name, descriptionText: description, helpText: help }),
    });
    assert.equal(set.status, 204, await set.text());

    page = await newPage(browser);
    const fetched = [];
    page.on('request', (request) => fetched.push(request.url()));
    await page.goto(`${edge.url}/`);
    await waitForWidgetEvents(page, 'load');
    // Open every help text, and choose a Bring option, so the texts are also announced.
    await inShadow(page, (root) => {
      for (const details of root.querySelectorAll('details')) details.open = true;
      root.querySelector('input[value="bring-5800"]').click();
    });
    await page.waitForTimeout(200);

    const bring = (await widgetView(page)).options.filter((option) => option.id.startsWith('bring-'));
    assert.deepEqual(bring.map((option) => [option.name, option.description]), Array(3).fill([name, description]));
    const markupInDom = await inShadow(page, (root) => ({
      elements: root.querySelectorAll('.option img:not(.logo):not(.environmental-image), script, b, a, iframe').length,
      helpTexts: [...root.querySelectorAll('.help-text')].map((p) => [p.textContent, p.children.length]),
      status: root.querySelector('[role="status"]').textContent,
    }));
    assert.equal(markupInDom.elements, 0);
    assert.deepEqual(
      markupInDom.helpTexts.filter(([text]) => text === help),
      Array(3).fill([help, 0]),
    );
    assert.equal(markupInDom.status, `Valgt: ${name}, 118,75${NBSP}kr`);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(fetched.filter((url) => /\/x$/.test(url)), []);
  });
});
