// Small DOM helpers shared by the example apps.

/** Builds an element: h("li", {class: "x", onclick: fn}, "text", child). Text is never parsed as HTML. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else if (name in element && typeof value !== "string") {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? "" : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** Shortcut for document.querySelector that fails loudly when the page and the script disagree. */
export function $(selector, root = document) {
  const element = root.querySelector(selector);
  if (!element) {
    throw new Error(`missing element ${selector}`);
  }
  return element;
}

const STATE_TEXT = {
  connecting: "Connecting…",
  open: "Connected",
  reconnecting: "Reconnecting…",
  closed: "Disconnected",
  failed: "Cannot connect",
};

/** Keeps a .status pill in step with a GatewaySocket's state. */
export function bindStatus(element, socket) {
  const show = detail => {
    element.dataset.state = detail.state;
    let text = STATE_TEXT[detail.state] ?? detail.state;
    if (detail.state === "reconnecting" && detail.delay) {
      text = `Reconnecting in ${Math.round(detail.delay / 1000)} s…`;
    }
    element.textContent = text;
    element.title = detail.code ? `last close: ${detail.code} ${detail.reason || ""}`.trim() : "";
  };
  show({state: socket.state});
  socket.addEventListener("state", event => show(event.detail));
}

/** A notice in the bottom corner that goes away by itself. */
export function toast(text, kind = "info", millis = 4000) {
  let box = document.querySelector(".toasts");
  if (!box) {
    box = h("div", {class: "toasts", role: "status", "aria-live": "polite"});
    document.body.append(box);
  }
  const item = h("div", {class: `toast ${kind}`}, text);
  box.append(item);
  // A burst of notices shows the newest few; older ones go early rather than covering the page.
  while (box.children.length > 4) {
    box.firstElementChild.remove();
  }
  setTimeout(() => item.remove(), millis);
  return item;
}

/** Shows or hides an inline notice element with a message. */
export function notice(element, text, kind = "error") {
  element.className = `notice ${kind}`;
  element.textContent = text ?? "";
  element.hidden = !text;
}

/** 14:05 for today, with seconds when asked. */
export function formatTime(when, seconds = false) {
  const date = when instanceof Date ? when : new Date(when);
  return date.toLocaleTimeString([], {hour: "2-digit", minute: "2-digit", ...(seconds ? {second: "2-digit"} : {})});
}

/** A short, readable form of a connection id for labels. */
export function shortId(id) {
  return id ? id.slice(0, 6) : "?";
}
