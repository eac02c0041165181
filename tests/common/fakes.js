// Stand-ins for the browser APIs the widget uses, which the browser tests drive (see
// `tests/common/mod.rs`): the loader's shadow root, fetch, EventSource, timers, input.

export function loader_shadow_root() {
  const host = document.createElement("peerhelp-widget");
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("button.launcher { position: fixed; bottom: 20px; right: 20px; }");
  root.adoptedStyleSheets = [sheet];
  const launcher = document.createElement("button");
  launcher.className = "launcher";
  launcher.setAttribute("aria-expanded", "false");
  root.append(launcher);
  return root;
}

export function event_recorder() {
  const events = [];
  const emit = (name, detail) => events.push(detail === undefined ? name : name + ":" + detail);
  return [emit, events];
}

// Replaces fetch: each route is [url fragment, status, body], the fragment optionally preceded
// by a method ("PUT /helpers/me/presence"); status 0 fails like a network error, status -1
// never answers (until aborted). Returns the log of requests seen.
export function fake_fetch(routes_json) {
  const routes = JSON.parse(routes_json);
  const log = [];
  globalThis.fetch = (request) => {
    const body = request.clone().text();
    const headers = Object.fromEntries(request.headers);
    log.push({ url: request.url, method: request.method, credentials: request.credentials, signal: request.signal, body, headers });
    const route = routes.find(([route]) => {
      const [method, fragment] = route.includes(" ") ? route.split(" ") : [request.method, route];
      return method === request.method && request.url.includes(fragment);
    });
    if (!route || route[1] === 0) return Promise.reject(new TypeError("Failed to fetch"));
    if (route[1] === -1) {
      return new Promise((_, reject) =>
        request.signal.addEventListener("abort", () => reject(new DOMException("Aborted", "AbortError"))));
    }
    const status = route[1];
    const content = status === 204 ? null : route[2];
    return Promise.resolve(new Response(content, { status, headers: { "content-type": "application/json" } }));
  };
  return log;
}

// Replaces EventSource: each stream created is recorded; `live_event` plays a server message.
export function fake_event_source() {
  const sources = [];
  globalThis.EventSource = class {
    constructor(url) { this.url = url; this.closed = false; this.onmessage = null; sources.push(this); }
    close() { this.closed = true; }
  };
  return sources;
}

export function live_event(source, data, id) {
  source.onmessage(new MessageEvent("message", { data, lastEventId: id }));
}

// Replaces setInterval so a test can see the period and fire the timer itself.
export function fake_intervals() {
  const intervals = [];
  globalThis.setInterval = (callback, ms) => intervals.push({ callback, ms });
  globalThis.clearInterval = () => {};
  return intervals;
}

export function fire(interval) {
  interval.callback();
}

export function go_online() {
  dispatchEvent(new Event("online"));
}

// The browser's own timeouts, which `sleep` keeps using while a test fakes them for the widget.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);

// Replaces setTimeout so a test decides how much time passes: a timeout runs only when the
// test lets at least its delay go by.
export function fake_timeouts() {
  const timeouts = [];
  globalThis.setTimeout = (callback, ms) => timeouts.push({ callback, ms: ms || 0, done: false });
  globalThis.clearTimeout = (id) => { if (timeouts[id - 1]) timeouts[id - 1].done = true; };
  return timeouts;
}

export function let_time_pass(timeouts, ms) {
  for (const timeout of timeouts) {
    if (!timeout.done && timeout.ms <= ms) {
      timeout.done = true;
      timeout.callback();
    }
  }
}

export function real_timeouts() {
  globalThis.setTimeout = realSetTimeout;
  globalThis.clearTimeout = realClearTimeout;
}

export function sleep(ms) {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}

export function next_frame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

export function press_key(element, key) {
  element.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, composed: true, cancelable: true }));
}

export function type_text(input, text) {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}
