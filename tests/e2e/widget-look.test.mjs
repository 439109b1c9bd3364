// How the storefront and the widget look and read: axe-core on the whole page in every state
// (space reserved, loading, list, pickup list open, error, fallback, submitted; light and dark),
// the three themes and the styling API (CSS variables and ::part()) by computed style, and
// screenshots of the storefront in the light and dark themes (test-artifacts/).
//
// Themes are checked on a bare page that embeds the widget and styles nothing (the storefront
// sets some variables of its own), served on the edge's origin by the browser's request routing.

import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  startStorefront, axeViolations, inShadow, closePage, loadEveryImage, newPage, screenshot, waitForOptions,
  waitForWidgetEvents, widgetView,
} from './lib/browser.mjs';

let checkout;
let sandbox;
let edge;
let browser;
let page;

before(async () => {
  checkout = await startStorefront({ deadlineMs: 1500 });
  ({ sandbox, edge, browser } = checkout);
});

after(() => checkout?.stop());

afterEach(async () => {
  const errors = await closePage(page);
  page = undefined;
  await sandbox.clearFaults();
  assert.deepEqual(errors, [], 'uncaught errors in the page');
});

/** Holds every request matching `pattern` until `release()` is called. */
async function hold(pattern) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(pattern, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

async function assertAxeClean(state) {
  assert.deepEqual(await axeViolations(page), [], `axe violations with the ${state}`);
}

describe('axe-core finds nothing on the storefront', () => {
  test('in every state: space reserved, loading, list, pickup list open, submitted', async () => {
    page = await newPage(browser);
    const releaseScript = await hold('**/widget/delivery-options.js');
    const releaseAnswer = await hold('**/v1/delivery-options');
    // Module scripts hold DOMContentLoaded back; the markup is there once it has been parsed.
    await page.goto(`${edge.url}/`, { waitUntil: 'commit' });
    await page.waitForSelector('footer');
    // The markup can be parsed before the page's stylesheet has arrived (under load it was, and
    // the element measured 0 px): its rule is what reserves the space, so wait for it to apply.
    await page.waitForFunction(() => document.querySelector('link[rel="stylesheet"][href="/checkout.css"]')?.sheet != null);

    // Before the script defines the element, the page keeps its space.
    assert.deepEqual(
      await page.evaluate(() => {
        const widget = document.querySelector('delivery-options');
        return [customElements.get('delivery-options') === undefined, widget.getBoundingClientRect().height];
      }),
      [true, 240],
    );
    await assertAxeClean('widget not yet defined');

    releaseScript();
    await page.waitForFunction(() => document.querySelector('delivery-options').shadowRoot?.querySelector('[aria-busy="true"] .skeleton'));
    assert.equal((await widgetView(page)).status, 'Henter leveringsmåter…');
    await assertAxeClean('loading skeleton');

    releaseAnswer();
    await waitForWidgetEvents(page, 'load');
    await assertAxeClean('list');

    await inShadow(page, (root) => {
      root.querySelector('input[value="bring-5800"]').click();
      root.querySelector('.option.selected details').open = true;
    });
    assert.equal(await inShadow(page, (root) => root.querySelectorAll('.option.selected .pickup-point').length), 8);
    await assertAxeClean('pickup list and help text open');

    await page.click('#pay');
    await page.waitForSelector('#receipt:not([hidden])');
    await assertAxeClean('receipt');
  });

  test('in the error state with its retry button', async () => {
    page = await newPage(browser);
    await page.route('**/v1/delivery-options', (route) => route.abort('connectionrefused'));
    await page.goto(`${edge.url}/`);
    await waitForWidgetEvents(page, 'error');
    assert.equal((await widgetView(page)).retry, 'Prøv igjen');
    await assertAxeClean('error');
  });

  test('with the fallback options and their note, and with the address incomplete', async () => {
    for (const carrier of ['bring', 'postnord']) await sandbox.fault(carrier, 'status', { status: 500 });
    page = await newPage(browser);
    await page.goto(`${edge.url}/`);
    await waitForWidgetEvents(page, 'load');
    assert.equal((await widgetView(page)).notice, 'Viser våre vanlige leveringsmåter.');
    await assertAxeClean('fallback options');

    await page.fill('#postal-code', '');
    await page.waitForFunction(() => document.querySelector('delivery-options').shadowRoot.querySelector('.message'));
    await assertAxeClean('postal code missing');
  });

  test('in the dark theme, list and pickup list open', async () => {
    page = await newPage(browser, { colorScheme: 'dark' });
    await page.goto(`${edge.url}/`);
    await waitForWidgetEvents(page, 'load');
    assert.equal(await page.getAttribute('delivery-options', 'theme'), 'dark');
    await assertAxeClean('dark list');
    await inShadow(page, (root) => root.querySelector('input[value="postnord-service-point"]').click());
    await assertAxeClean('dark pickup list');
  });
});

// --- themes and the styling API, on a bare page ------------------------------------------------

/** A page that embeds the widget with `attributes` and styles nothing but what `css` says. */
async function openBarePage({ attributes = '', css = '' } = {}) {
  page = await newPage(browser, { reducedMotion: 'reduce' });
  const url = `${edge.url}/__bare.html`;
  await page.route(url, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Bare</title>
      <script type="module" src="/widget/delivery-options.js"></script><style>${css}</style></head>
      <body><main><form><delivery-options country="NO" postal-code="0150" name="shipping" ${attributes}></delivery-options></form></main></body></html>`,
  }));
  await page.goto(url);
  await waitForOptions(page, 7);
  return page;
}

/**
 * Computed styles in the widget: the host, the first option (part `option`), its price and
 * delivery time, and, once chosen by keyboard, the chosen option (part `option-selected`).
 */
async function themeStyles() {
  const read = () => inShadow(page, (root) => {
    const props = (element, names) => {
      const style = getComputedStyle(element);
      return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
    };
    const option = root.querySelector('.option');
    return {
      host: props(root.host, ['color', 'font-family']),
      option: props(option, ['background-color', 'border-top-color', 'border-top-width', 'border-bottom-color', 'border-bottom-width', 'border-top-left-radius']),
      row: props(option.querySelector('.row'), ['padding-top']),
      price: props(option.querySelector('.price'), ['color']),
      deliveryTime: props(option.querySelector('.delivery-time'), ['color']),
    };
  });
  const before = await read();
  // Choose the first option by keyboard, so the focus ring shows too.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  const selected = await inShadow(page, (root) => {
    const option = root.querySelector('.option.selected');
    const style = getComputedStyle(option);
    return {
      part: option.getAttribute('part'),
      'background-color': style.backgroundColor,
      'border-top-color': style.borderTopColor,
      'box-shadow': style.boxShadow,
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    };
  });
  return { ...before, selected };
}

const LIGHT = {
  host: { color: 'rgb(29, 29, 31)' },
  option: {
    'background-color': 'rgb(255, 255, 255)', 'border-top-color': 'rgb(201, 201, 207)', 'border-top-width': '1px',
    'border-bottom-color': 'rgb(201, 201, 207)', 'border-bottom-width': '1px', 'border-top-left-radius': '10px',
  },
  row: { 'padding-top': '12px' },
  price: { color: 'rgb(29, 29, 31)' },
  deliveryTime: { color: 'rgb(91, 91, 99)' },
  selected: {
    part: 'option option-selected selected',
    'background-color': 'rgb(238, 244, 251)', 'border-top-color': 'rgb(11, 92, 173)',
    'box-shadow': 'rgb(11, 92, 173) 0px 0px 0px 1px inset', outline: 'solid 2px rgb(11, 92, 173)',
  },
};

describe('themes and the styling API', () => {
  test('light (the default)', async () => {
    await openBarePage();
    const styles = await themeStyles();
    assert.equal(styles.host['font-family'], 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif');
    delete styles.host['font-family'];
    assert.deepEqual(styles, LIGHT);
  });

  test('dark', async () => {
    await openBarePage({ attributes: 'theme="dark"' });
    const styles = await themeStyles();
    delete styles.host['font-family'];
    assert.deepEqual(styles, {
      host: { color: 'rgb(242, 242, 247)' },
      option: {
        'background-color': 'rgb(28, 28, 30)', 'border-top-color': 'rgb(74, 74, 79)', 'border-top-width': '1px',
        'border-bottom-color': 'rgb(74, 74, 79)', 'border-bottom-width': '1px', 'border-top-left-radius': '10px',
      },
      row: { 'padding-top': '12px' },
      price: { color: 'rgb(242, 242, 247)' },
      deliveryTime: { color: 'rgb(180, 180, 187)' },
      selected: {
        part: 'option option-selected selected',
        'background-color': 'rgb(29, 45, 66)', 'border-top-color': 'rgb(108, 176, 255)',
        'box-shadow': 'rgb(108, 176, 255) 0px 0px 0px 1px inset', outline: 'solid 2px rgb(108, 176, 255)',
      },
    });
  });

  test('minimal: no cards, rows divided by lines, the page\'s own text colour', async () => {
    await openBarePage({ attributes: 'theme="minimal"', css: 'body { color: rgb(20, 60, 40); }' });
    const styles = await themeStyles();
    delete styles.host['font-family'];
    assert.deepEqual(styles, {
      host: { color: 'rgb(20, 60, 40)' },
      option: {
        'background-color': 'rgba(0, 0, 0, 0)', 'border-top-color': 'rgba(127, 127, 127, 0.35)', 'border-top-width': '0px',
        'border-bottom-color': 'rgba(127, 127, 127, 0.35)', 'border-bottom-width': '1px', 'border-top-left-radius': '0px',
      },
      row: { 'padding-top': '10px' },
      price: { color: 'rgb(20, 60, 40)' },
      deliveryTime: { color: 'rgb(91, 91, 99)' },
      selected: {
        part: 'option option-selected selected',
        'background-color': 'rgba(0, 0, 0, 0)', 'border-top-color': 'rgb(11, 92, 173)',
        'box-shadow': 'rgb(11, 92, 173) 3px 0px 0px 0px inset', outline: 'solid 2px rgb(11, 92, 173)',
      },
    });
  });

  test('--do-* variables set on the element win over every theme', async () => {
    const variables = `delivery-options {
      --do-color-text: #202830; --do-color-background: #fffbe6; --do-color-border: #123456;
      --do-color-muted: #445566; --do-color-accent: #8a1c7c; --do-color-selected: #f7e8f5;
      --do-font-family: Georgia, serif; --do-radius: 3px; --do-spacing: 20px;
      --do-focus-ring: 3px dashed #e00000;
    }`;
    for (const theme of ['light', 'dark']) {
      await openBarePage({ attributes: `theme="${theme}"`, css: variables });
      const styles = await themeStyles();
      assert.deepEqual(styles, {
        host: { color: 'rgb(32, 40, 48)', 'font-family': 'Georgia, serif' },
        option: {
          'background-color': 'rgb(255, 251, 230)', 'border-top-color': 'rgb(18, 52, 86)', 'border-top-width': '1px',
          'border-bottom-color': 'rgb(18, 52, 86)', 'border-bottom-width': '1px', 'border-top-left-radius': '3px',
        },
        row: { 'padding-top': '20px' },
        price: { color: 'rgb(32, 40, 48)' },
        deliveryTime: { color: 'rgb(68, 85, 102)' },
        selected: {
          part: 'option option-selected selected',
          'background-color': 'rgb(247, 232, 245)', 'border-top-color': 'rgb(138, 28, 124)',
          'box-shadow': 'rgb(138, 28, 124) 0px 0px 0px 1px inset', outline: 'dashed 3px rgb(224, 0, 0)',
        },
      }, `theme ${theme}`);
      await page.context().close();
    }
    page = undefined;
  });

  test('::part() rules of the page style the parts the README names', async () => {
    await openBarePage({
      css: `delivery-options::part(option) { background-color: rgb(250, 245, 235); }
        delivery-options::part(selected) { border-color: rgb(0, 120, 60); }
        delivery-options::part(price) { color: rgb(180, 0, 0); font-size: 20px; }
        delivery-options::part(name) { letter-spacing: 1px; }
        delivery-options::part(delivery-time) { font-style: italic; }
        delivery-options::part(logo) { border-radius: 50%; }
        delivery-options::part(environmental-tag) { color: rgb(0, 100, 0); }
        delivery-options::part(group-heading) { text-transform: uppercase; }
        delivery-options::part(pickup-list) { background-color: rgb(240, 240, 255); }
        delivery-options::part(pickup-point) { border-color: rgb(1, 2, 3); }`,
    });
    await inShadow(page, (root) => root.querySelector('input[value="bring-5800"]').click());
    const styles = await inShadow(page, (root) => {
      const style = (selector, name) => getComputedStyle(root.querySelector(selector)).getPropertyValue(name);
      return {
        option: style('.option:not(.selected)', 'background-color'),
        selected: [style('.option.selected', 'background-color'), style('.option.selected', 'border-top-color')],
        price: [style('.price', 'color'), style('.price', 'font-size')],
        name: style('.name', 'letter-spacing'),
        deliveryTime: style('.delivery-time', 'font-style'),
        logo: style('.logo', 'border-top-left-radius'),
        environmental: style('.environmental-tag', 'color'),
        groupHeading: style('.group-heading', 'text-transform'),
        pickupList: style('.option.selected .pickup-list', 'background-color'),
        pickupPoint: style('.option.selected .pickup-point', 'border-top-color'),
      };
    });
    assert.deepEqual(styles, {
      option: 'rgb(250, 245, 235)',
      // The chosen option is an `option` too, so the page's background applies to it as well.
      selected: ['rgb(250, 245, 235)', 'rgb(0, 120, 60)'],
      price: ['rgb(180, 0, 0)', '20px'],
      name: '1px',
      deliveryTime: 'italic',
      logo: '50%',
      environmental: 'rgb(0, 100, 0)',
      groupHeading: 'uppercase',
      pickupList: 'rgb(240, 240, 255)',
      pickupPoint: 'rgb(1, 2, 3)',
    });
  });
});

describe('screenshots (test-artifacts/)', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`the storefront in the ${colorScheme} theme, a pickup option chosen`, async () => {
      page = await newPage(browser, { colorScheme });
      await page.goto(`${edge.url}/`);
      await waitForWidgetEvents(page, 'load');
      assert.equal(await page.getAttribute('delivery-options', 'theme'), colorScheme);
      await inShadow(page, (root) => root.querySelector('input[value="bring-5800"]').click());
      // Every logo drawn before the picture is taken.
      await loadEveryImage(page);
      const file = await screenshot(page, `storefront-${colorScheme}.png`);
      assert.ok(file.endsWith(`test-artifacts/storefront-${colorScheme}.png`));
    });
  }
});
