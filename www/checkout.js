// The demo shop's side of the checkout: what a shop writes around <delivery-options>.
//
// - The address fields drive the element's attributes (it debounces and refetches by itself).
// - The cart drives its `cart` property: one parcel of the items' weight, and the order value, so
//   that `free_above` applies.
// - Its `change` event's detail carries the shipping price, which goes into the order total.
// - Submitting the form shows what it would send under `shipping` (the selection as JSON),
//   instead of leaving the page.
//
// The shop sells in Norwegian kroner wherever it ships (wrangler.toml's demo shop prices Bring
// and PostNord in NOK), so the cart and the request are in NOK for every country.

const CURRENCY = 'NOK';

/** The shop's catalogue: price in øre, weight in grams. */
const PRODUCTS = {
  genser: { price: 59900, grams: 550 },
  kopp: { price: 22900, grams: 420 },
  sokker: { price: 11900, grams: 230 },
};

/** One box for the whole order, in centimetres. */
const BOX = { length_cm: 30, width_cm: 20, height_cm: 10 };

/** Each country's postal code, as the edge accepts it, with the hint shown under the field. */
const POSTAL_CODES = {
  NO: { pattern: /^\d{4}$/, hint: '4 siffer', example: { postal: '0150', street: "Biskop Gunnerus' gate 14", city: 'Oslo' } },
  SE: { pattern: /^\d{3} ?\d{2}$/, hint: '5 siffer, for eksempel 111 34', example: { postal: '111 34', street: 'Drottninggatan 53', city: 'Stockholm' } },
  DK: { pattern: /^\d{4}$/, hint: '4 siffer', example: { postal: '1050', street: 'Kongens Nytorv 13', city: 'København K' } },
  FI: { pattern: /^\d{5}$/, hint: '5 siffer', example: { postal: '00100', street: 'Mannerheimintie 10', city: 'Helsinki' } },
};

const form = document.getElementById('checkout');
const widget = document.getElementById('delivery');
const fields = {
  country: document.getElementById('country'),
  street: document.getElementById('street'),
  postal: document.getElementById('postal-code'),
  city: document.getElementById('city'),
};
const postalHint = document.getElementById('postal-code-hint');
const subtotalOut = document.getElementById('subtotal');
const shippingOut = document.getElementById('shipping-price');
const totalOut = document.getElementById('total');
const receipt = document.getElementById('receipt');
const submitted = document.getElementById('submitted-shipping');

/** The chosen shipping price in øre, or null before a choice. */
let shippingPrice = null;

// --- money -------------------------------------------------------------------------------------

const wholeKroner = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });
const kronerAndOre = new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `1 347 kr`, `83,75 kr` (no-break spaces), as the widget writes Norwegian prices. */
function formatKroner(ore) {
  const amount = ore / 100;
  const number = ore % 100 === 0 ? wholeKroner.format(amount) : kronerAndOre.format(amount);
  return `${number.replace(/\s/g, '\u00a0')}\u00a0kr`;
}

// --- the cart ----------------------------------------------------------------------------------

function cartLines() {
  return [...document.querySelectorAll('#cart [data-sku]')].map((item) => {
    const product = PRODUCTS[item.dataset.sku];
    const quantity = Number(item.querySelector('[data-qty]').value);
    return { item, quantity, price: product.price * quantity, grams: product.grams * quantity };
  });
}

function subtotal() {
  return cartLines().reduce((sum, line) => sum + line.price, 0);
}

/** What the widget needs of the cart: the parcel (for the carriers) and the order value. */
function widgetCart() {
  const lines = cartLines();
  const grams = lines.reduce((sum, line) => sum + line.grams, 0);
  return { parcels: [{ weight_grams: grams, ...BOX }], order_value: subtotal(), currency: CURRENCY };
}

function renderTotals() {
  for (const line of cartLines()) {
    line.item.querySelector('[data-line]').textContent = formatKroner(line.price);
  }
  const sum = subtotal();
  subtotalOut.textContent = formatKroner(sum);
  if (shippingPrice === null) {
    shippingOut.textContent = 'Velg levering';
    totalOut.textContent = formatKroner(sum);
  } else {
    shippingOut.textContent = shippingPrice === 0 ? 'Gratis' : formatKroner(shippingPrice);
    totalOut.textContent = formatKroner(sum + shippingPrice);
  }
}

document.getElementById('cart').addEventListener('change', () => {
  widget.cart = widgetCart();
  renderTotals();
});

// --- the address -------------------------------------------------------------------------------

/** Sets or removes one of the widget's attributes; it refetches after a short pause by itself. */
function setAttribute(name, value) {
  const trimmed = value.trim();
  if (trimmed) widget.setAttribute(name, trimmed);
  else widget.removeAttribute(name);
}

/**
 * Passes the postal code on only when it has the country's form: without one the widget asks
 * for it, rather than showing the edge's error for a half-typed code.
 */
function updatePostalCode() {
  const rule = POSTAL_CODES[fields.country.value];
  const value = fields.postal.value.trim();
  const valid = rule.pattern.test(value);
  fields.postal.toggleAttribute('aria-invalid', value !== '' && !valid);
  if (valid) widget.setAttribute('postal-code', value);
  else widget.removeAttribute('postal-code');
}

fields.country.addEventListener('change', () => {
  const previous = POSTAL_CODES[widget.getAttribute('country')];
  const next = POSTAL_CODES[fields.country.value];
  // A demo convenience: the previous country's example address becomes the new country's.
  if (previous && fields.postal.value.trim() === previous.example.postal) {
    fields.postal.value = next.example.postal;
    fields.street.value = next.example.street;
    fields.city.value = next.example.city;
  }
  postalHint.textContent = next.hint;
  fields.postal.pattern = next.pattern.source;
  widget.setAttribute('country', fields.country.value);
  setAttribute('street-address', fields.street.value);
  setAttribute('city', fields.city.value);
  updatePostalCode();
});
fields.postal.addEventListener('input', updatePostalCode);
fields.street.addEventListener('input', () => setAttribute('street-address', fields.street.value));
fields.city.addEventListener('input', () => setAttribute('city', fields.city.value));

// --- the widget's events -----------------------------------------------------------------------

widget.addEventListener('change', (event) => {
  // `detail` is the selection, or null when a new answer no longer offers the chosen option.
  shippingPrice = event.detail ? event.detail.price : null;
  renderTotals();
});

// --- theme -------------------------------------------------------------------------------------

// `?theme=light|dark|minimal` chooses the widget's theme; otherwise it follows the system's
// colour scheme, as the page does.
const themeParam = new URLSearchParams(location.search).get('theme');
const darkScheme = matchMedia('(prefers-color-scheme: dark)');
function applyTheme() {
  const theme = ['light', 'dark', 'minimal'].includes(themeParam) ? themeParam : darkScheme.matches ? 'dark' : 'light';
  widget.setAttribute('theme', theme);
  document.documentElement.dataset.theme = theme === 'minimal' ? (darkScheme.matches ? 'dark' : 'light') : theme;
}
darkScheme.addEventListener('change', applyTheme);
applyTheme();

// --- submit ------------------------------------------------------------------------------------

form.addEventListener('submit', (event) => {
  // A demo: show what the form would send instead of leaving the page.
  event.preventDefault();
  const shipping = new FormData(form).get('shipping');
  submitted.textContent = shipping ?? '';
  receipt.hidden = false;
  receipt.querySelector('h2').focus();
});

// The fields may hold what the browser restored on a reload rather than the markup's values.
postalHint.textContent = POSTAL_CODES[fields.country.value].hint;
fields.postal.pattern = POSTAL_CODES[fields.country.value].pattern.source;
widget.setAttribute('country', fields.country.value);
setAttribute('street-address', fields.street.value);
setAttribute('city', fields.city.value);
updatePostalCode();
widget.cart = widgetCart();
renderTotals();
