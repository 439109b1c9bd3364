// <delivery-options>: the loader a shop embeds with
//   <script type="module" src="https://EDGE/widget/delivery-options.js"></script>
//
// It defines the custom element and hands everything else to the Rust side
// (`DeliveryOptionsElement` in widget/src/element/): attributes, the cart, refresh, form
// association. It stays thin on purpose: rules and rendering live in Rust, tested there.
// `./x build-widget` inlines the default theme (widget/css/) where CSS_TEXT is, so the element is
// styled in the same task that defines it: no unstyled flash, no second request.


const CSS_TEXT = '/*__DELIVERY_OPTIONS_CSS__*/';
// The edge this script came from answers the API too, unless `endpoint` says otherwise.
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;
// Attributes that Rust reacts to; `name` and `theme` need no code (the form and CSS read them).
const OBSERVED = ['endpoint', 'country', 'postal-code', 'street-address', 'city', 'locale', 'currency', 'required'];
// The skeleton Rust also draws while the first answer is on its way, here so it shows while the
// wasm is still loading: same markup, so nothing moves when Rust takes over. Constant markup only.
const SKELETON =
  '<div class="root"><div class="body"><div class="skeleton" part="skeleton" aria-hidden="true">' +
  '<div class="skeleton-row"></div><div class="skeleton-row"></div><div class="skeleton-row"></div>' +
  '</div></div></div>';

// What the element says when the wasm, where its words live, cannot load: strings::ERROR of
// widget/src/strings.rs (a test there keeps the two equal), by the language the Rust side would
// use (`locale`, else the page's `lang`, else the browser's).
const NOT_LOADED = {
  en: 'Delivery options could not be loaded.',
  sv: 'Det gick inte att hämta leveranssätt.',
  nb: 'Kunne ikke hente leveringsmåter.',
  da: 'Leveringsmetoderne kunne ikke hentes.',
  fi: 'Toimitustapoja ei voitu hakea.',
  de: 'Versandarten konnten nicht geladen werden.',
};
function notLoaded(element) {
  const tag = element.getAttribute('locale') || element.closest('[lang]')?.getAttribute('lang') || navigator.language || '';
  const language = tag.trim().split(/[-_]/)[0].toLowerCase();
  return NOT_LOADED[['no', 'nn'].includes(language) ? 'nb' : language] ?? NOT_LOADED.en;
}

// `./x build-widget` rewrites the two paths below to this build's v/<hash>/ (widget/js/build.mjs).
// Started once, by the first element: a module script runs after the page is parsed, when its
// elements are upgraded at once, so that is no later than at this module's start, and a page
// that carries the script but no element (a shop's shared template) downloads nothing more. The
// glue and the wasm download in parallel (a static import of the glue would run this module, and
// so ask for the wasm, only once the glue had arrived: one round trip more before the options).
let ready;
function load() {
  ready ??= Promise.all([
    import('./delivery_options.js'),
    fetch(new URL('./delivery_options_bg.wasm', import.meta.url)),
  ]).then(([glue, wasm]) => glue.default({ module_or_path: wasm }).then(() => glue));
  return ready;
}

let sheet;
function adoptStyles(shadow) {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(CSS_TEXT);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS_TEXT;
    shadow.prepend(style);
  }
}

// A logo or environmental tag that cannot load (blocked, offline, a 404) would show the browser's
// broken-image icon with its alt text clipped to the image's box ("Poste"). A logo gives way to
// its alt text, the brand's name, in a box of the logo's class and so of its size (nothing
// moves); a decorative image (empty alt: the tag's text beside it says the same) is marked and
// the theme hides it, keeping its box. `error` does not bubble, so one capturing listener on the
// shadow root sees every image the element will show, with no listener per image and nothing in
// the wasm. The text is set as text: the alt came from a carrier.
function imageFailed(event) {
  const image = event.target;
  if (image.localName !== 'img' || image.hasAttribute('data-failed')) return;
  image.setAttribute('data-failed', '');
  if (!image.alt || !image.classList.contains('logo')) return;
  const name = document.createElement('span');
  name.className = 'logo logo-text';
  name.setAttribute('part', 'logo-text');
  name.textContent = image.alt;
  image.replaceWith(name);
}

class DeliveryOptions extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = OBSERVED;

  #internals;
  #rust;
  #root;
  #cart;

  constructor() {
    super();
    this.#internals = this.attachInternals?.();
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.innerHTML = SKELETON;
    shadow.addEventListener('error', imageFailed, true);
    adoptStyles(shadow);
    this.#root = shadow.querySelector('.root');
    // A `cart` set before this element was defined sits on the instance and would hide the
    // accessor below; move it through the accessor.
    if (Object.hasOwn(this, 'cart')) {
      const cart = this.cart;
      delete this.cart;
      this.#cart = cart;
    }
    load();
  }

  connectedCallback() {
    load().then(
      (glue) => {
        if (!this.#rust) {
          this.#rust = new glue.DeliveryOptionsElement(this, this.#root, this.#internals, SCRIPT_ORIGIN);
          if (this.#cart !== undefined) this.#rust.setCart(this.#cart);
        }
        if (this.isConnected) this.#rust.connected();
      },
      (error) => {
        // No wasm (a blocked file, an ancient browser): say so rather than pulse forever.
        const message = document.createElement('p');
        message.setAttribute('part', 'error');
        message.textContent = notLoaded(this);
        this.#root.replaceChildren(message);
        this.dispatchEvent(new CustomEvent('error', { bubbles: true, composed: true, detail: { message: String(error) } }));
      },
    );
  }

  disconnectedCallback() {
    this.#rust?.disconnected();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue) this.#rust?.attributeChanged(name);
  }

  /** `{parcels: [{weight_grams, length_cm?, width_cm?, height_cm?}], order_value?, currency?}` */
  get cart() {
    return this.#cart;
  }
  set cart(cart) {
    this.#cart = cart;
    this.#rust?.setCart(cart);
  }

  /** Asks the edge again now. */
  refresh() {
    this.#rust?.refresh();
  }

  /** The selection (the `change` event's detail), or null. */
  get value() {
    return this.#rust ? this.#rust.value() : null;
  }

  // The usual members of a form control, from ElementInternals.
  get form() { return this.#internals?.form ?? null; }
  get name() { return this.getAttribute('name'); }
  get type() { return this.localName; }
  get validity() { return this.#internals?.validity; }
  get validationMessage() { return this.#internals?.validationMessage ?? ''; }
  get willValidate() { return this.#internals?.willValidate ?? false; }
  checkValidity() { return this.#internals?.checkValidity() ?? true; }
  reportValidity() { return this.#internals?.reportValidity() ?? true; }

  formResetCallback() {
    this.#rust?.formReset();
  }
  formDisabledCallback(disabled) {
    this.#rust?.setDisabled(disabled);
  }
}

if (!customElements.get('delivery-options')) {
  customElements.define('delivery-options', DeliveryOptions);
}

export { DeliveryOptions };
