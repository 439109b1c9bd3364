// Replays a tree that widget/src/tree.rs recorded: the widget's whole list in one call out of
// wasm instead of one per node, attribute and text. The format is documented there; keep the
// two in step. This file decides nothing: no tag, class or text is written here.
//
// Only createElement, setAttribute and textContent: a carrier's text is never parsed as HTML.
// wasm-bindgen imports this file; `./x build-widget` inlines it into the glue so the shopper's
// browser makes no extra request for it.

export function writeTree(parent, place, ops, text) {
  const document = parent.ownerDocument;
  // Tags, attribute names and classes are constants, sent once per tree: sliced once here too.
  const names = [];
  const name = (i) => (names[ops[i]] ??= text.slice(ops[i], ops[i + 1]));
  // Built detached and attached once: each node added to the live tree would restyle on its own.
  const fragment = document.createDocumentFragment();
  const open = [];
  let current = fragment;
  for (let i = 0; i < ops.length; ) {
    switch (ops[i]) {
      case 0: {
        const element = document.createElement(name(i + 1));
        current.appendChild(element);
        open.push(current);
        current = element;
        i += 3;
        break;
      }
      case 1:
        current = open.pop() ?? fragment;
        i += 1;
        break;
      case 2:
        current.setAttribute(name(i + 1), text.slice(ops[i + 3], ops[i + 4]));
        i += 5;
        break;
      case 4:
        current.className = name(i + 1);
        i += 3;
        break;
      case 3:
        current.textContent = text.slice(ops[i + 1], ops[i + 2]);
        i += 3;
        break;
      default:
        throw new Error(`tree.js: unknown instruction ${ops[i]} at ${i}`);
    }
  }
  if (place === 0) parent.replaceChildren(fragment);
  else if (place === 2) parent.insertBefore(fragment, parent.firstChild);
  else parent.appendChild(fragment);
}
