// Debian's Chromium through playwright-core, for the storefront and widget tests: one browser per
// test file, a fresh context (cookies, cache) per test, and helpers to read the widget's shadow
// DOM, record its events and run axe-core on the whole page.
//
// Pages never reach the internet: the carrier logos and environmental tags the sandbox names
// (https URLs) are answered with small local images, and anything else outside loopback fails.

import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './edge.mjs';
import { TEST_SHOP, startCheckout } from './checkout.mjs';
import { CLOCK } from './clock.mjs';

/** Where screenshots go (gitignored); CI keeps the folder as the run's artifacts. */
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A stand-in logo: a coloured tile with the carrier's name, so screenshots show where logos go. */
function logoSvg(label, background) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80" viewBox="0 0 80 80">` +
    `<rect width="80" height="80" rx="14" fill="${background}"/>` +
    `<text x="40" y="46" font-family="sans-serif" font-size="15" font-weight="700" fill="#fff" text-anchor="middle">${label}</text></svg>`;
}

const IMAGES = [
  [/Posten_logo\.svg$/, logoSvg('Posten', '#e32d22')],
  [/Bring_logo\.svg$/, logoSvg('Bring', '#7bc144')],
  [/postnord\.svg$/, logoSvg('PostNord', '#00a0d6')],
  [/Environment_tag_[^/]*$/, '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><circle cx="12" cy="12" r="11" fill="#2e7d32"/></svg>'],
];

/** The logo URL the tests give PostNord (its API has none; the shop configures one). */
export const POSTNORD_LOGO_URL = 'https://logos.shop.example/postnord.svg';

/**
 * The storefront's test rig for one file: the sandbox, an edge with the test shop (PostNord's logo
 * served locally, `vars` on top, caches off) and a browser; `stop()` ends all three.
 */
export async function startStorefront({ deadlineMs, vars = {} }) {
  const [checkout, browser] = await Promise.all([
    startCheckout({
      deadlineMs, answerCacheSeconds: 0, lastGoodSeconds: 0,
      vars: { POSTNORD: JSON.stringify({ ...TEST_SHOP.POSTNORD, logo_url: POSTNORD_LOGO_URL }), ...vars },
    }),
    launchBrowser(),
  ]);
  return { ...checkout, browser, stop: async () => { await browser.close(); await checkout.stop(); } };
}

/** Closes a test's page and returns the uncaught errors it saw. */
export async function closePage(page) {
  const errors = page?.errors ?? [];
  await page?.context().close();
  return errors;
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A new page in a fresh context: Norwegian, on Oslo's clock pinned to the tests' instant (the
 * widget reads "open today" from the shopper's clock), external images answered locally. `reducedMotion: 'reduce'` turns the
 * widget's transitions off (its own media query), so computed colours are final at once. `events` records every `change`,
 * `load` and `error` event of a `<delivery-options>` with its detail as JSON text (key order
 * included); `errors` collects uncaught page errors.
 */
export async function newPage(browser, { colorScheme = 'light', reducedMotion = 'no-preference', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', colorScheme, reducedMotion, viewport });
  // The shopper's clock starts at the edge's pinned instant (lib/clock.mjs) and runs on from it.
  // Only `Date` is moved: Playwright's own clock (context.clock) also takes over the timers, and
  // the widget's debounce then fired twice.
  await context.addInitScript((pinned) => {
    const RealDate = Date;
    const offset = pinned - RealDate.now();
    globalThis.Date = class extends RealDate {
      constructor(...args) {
        super(...(args.length > 0 ? args : [RealDate.now() + offset]));
      }

      static now() {
        return RealDate.now() + offset;
      }
    };
  }, Date.parse(CLOCK.now));
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
    const url = route.request().url();
    const image = IMAGES.find(([pattern]) => pattern.test(url));
    return image
      ? route.fulfill({ status: 200, contentType: 'image/svg+xml', body: image[1] })
      : route.abort('internetdisconnected');
  });
  await context.addInitScript(() => {
    window.__widgetEvents = [];
    for (const type of ['change', 'load', 'error']) {
      document.addEventListener(type, (event) => {
        if (event.target?.localName !== 'delivery-options') return;
        window.__widgetEvents.push({ type, detail: JSON.stringify(event.detail), at: performance.now() });
      }, true);
    }
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  return page;
}

/** The widget events recorded so far, optionally of one type. */
export async function widgetEvents(page, type) {
  const events = await page.evaluate(() => window.__widgetEvents);
  return type ? events.filter((event) => event.type === type) : events;
}

/** Waits until `count` events of `type` have been recorded; returns them all. */
export async function waitForWidgetEvents(page, type, count = 1, timeout = 15_000) {
  await page.waitForFunction(
    ([t, n]) => window.__widgetEvents.filter((event) => event.type === t).length >= n,
    [type, count],
    { timeout },
  );
  return widgetEvents(page, type);
}

/**
 * What the widget shows, read from its shadow root: per option its id, group heading, texts,
 * price, logo and environmental tag, in DOM order; plus the notice, error and message texts.
 */
export async function widgetView(page, selector = 'delivery-options') {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const text = (element, css) => element.querySelector(css)?.textContent ?? null;
    const options = [...root.querySelectorAll('.option')].map((option) => {
      const logo = option.querySelector('img.logo');
      const tag = option.querySelector('.environmental-tag');
      return {
        id: option.querySelector('input[name="option"]').value,
        group: option.closest('.group').querySelector('.group-heading').textContent,
        name: text(option, '.name'),
        description: text(option, '.description'),
        price: text(option, '.price'),
        freeAbove: text(option, '.free-above'),
        deliveryTime: text(option, '.delivery-time'),
        logo: logo && { alt: logo.getAttribute('alt'), src: logo.getAttribute('src') },
        environmental: tag && {
          // The tag's own text (its image, after it, has none).
          text: tag.textContent || null,
          image: tag.querySelector('img')?.getAttribute('src') ?? null,
        },
        selected: option.classList.contains('selected'),
      };
    });
    return {
      options,
      notice: text(root, '.notice'),
      error: text(root, '.error-message'),
      retry: text(root, '.retry'),
      message: text(root, '.message'),
      skeleton: root.querySelector('.skeleton') !== null,
      status: text(root, '[role="status"]'),
    };
  }, selector);
}

/** Evaluates `fn(shadowRoot, arg)` in the page, for the first `<delivery-options>`. */
export function inShadow(page, fn, arg) {
  return page.evaluate(
    ([source, value]) => {
      // Playwright sends functions as source text; this one is rebuilt in the page to be handed
      // the shadow root.
      const f = new Function(`return (${source})`)();
      return f(document.querySelector('delivery-options').shadowRoot, value);
    },
    [fn.toString(), arg],
  );
}

/** Waits until the widget shows `count` options. */
export async function waitForOptions(page, count, timeout = 15_000) {
  await page.waitForFunction(
    (n) => document.querySelector('delivery-options')?.shadowRoot?.querySelectorAll('.option').length === n,
    count,
    { timeout },
  );
}

/**
 * Runs axe-core on the whole document and returns its violations as `{id, impact, help, nodes}`
 * (nodes as target selectors), so a failing assertion says what to fix.
 */
export async function axeViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations.map(({ id, impact, help, nodes }) => ({
    id, impact, help, nodes: nodes.map((node) => node.target.flat().join(' >>> ')),
  }));
}

/** Saves a full-page screenshot under test-artifacts/ and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** The id of the focused element inside the widget (its radio's value) or of the page. */
export async function focused(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return null;
    return {
      tag: element.localName,
      id: element.id || null,
      name: element.getAttribute('name'),
      value: element.value ?? null,
      type: element.getAttribute('type'),
      checked: element.checked ?? null,
      text: element.textContent?.trim().slice(0, 60) ?? null,
    };
  });
}

/** Presses Tab until `predicate(focused)` holds, at most `max` times; fails naming where focus went. */
export async function tabUntil(page, predicate, { max = 30, shift = false } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    seen.push(now);
    if (predicate(now)) return now;
  }
  throw new Error(`focus never got there within ${max} Tab presses; it went: ${JSON.stringify(seen)}`);
}

/**
 * Scrolls the page to its end and back to its top, waiting at the end until every image in the
 * widget has loaded or failed: the widget's images load lazily (`loading="lazy"`), so one far
 * below the screen starts loading only once it is scrolled near, as for a shopper.
 */
export async function loadEveryImage(page) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction(() => [...document.querySelector('delivery-options').shadowRoot.querySelectorAll('img')]
    .every((img) => img.complete));
  await page.evaluate(() => window.scrollTo(0, 0));
}
