// PeerHelp loader: the only script a brand puts on its page. It must stay tiny (< 2 KB gzip)
// and cost the page next to nothing until the visitor shows intent: it draws the launcher at
// once, keeps the PeerHelp(...) command queue, fetches the widget's bytes on idle time without
// compiling them, and compiles and starts the widget at the first hover, focus or touch of the
// launcher (or a command). A tap before the widget is ready draws the panel's shell with a
// skeleton, and the launcher a spinner, until the real panel replaces them.
// Comment lines and indentation are stripped by the server before this ships; keep every
// comment on a line of its own.
(function () {
var me = document.currentScript;
if (!me || window.PeerHelp && PeerHelp.loaded) return;
var data = me.dataset, site = encodeURIComponent(data.site || "");
var origin = new URL(me.src).origin;
var api = origin + "/api/v1/sites/" + site;
var assets = origin + "/widget/" + site + "/";
// Commands queued before this script ran, by the stub `PeerHelp = function(){(PeerHelp.q = PeerHelp.q || []).push(arguments)}`.
var queued = window.PeerHelp && PeerHelp.q || [];
var listeners = {}, widget, loading, bytes, config, unavailable, pending = [];
function make(tag) { return document.createElement(tag); }
var host = make("peerhelp-widget");
var root = host.attachShadow({ mode: "open" });
var launcher = make("button");
var notice = make("p");
var shell = make("div");

// Each listener runs in a task of its own, so one that throws neither stops the others nor
// the widget, and its error is reported as usual.
function emit(name, detail) {
(listeners[name] || []).forEach(function (fn) { setTimeout(fn, 0, detail); });
}

// From now on the widget cannot work; a visitor who was waiting for it is told at once.
function fail() {
if (pending.length) explain();
unavailable = shell.hidden = true;
pending = [];
}

// The widget's files, fetched once and not compiled: the JS glue goes to the HTTP cache (its
// name carries a content hash, so it is cached for a year and `import` finds it there), the
// wasm's bytes stay in memory until the widget starts.
function fetchBytes() {
if (!bytes) {
fetch(assets + "__PEERHELP_JS__").catch(Object);
bytes = fetch(assets + "__PEERHELP_WASM__").then(function (r) { return r.arrayBuffer(); });
bytes.catch(Object);
}
return bytes;
}

// Compiles and starts the widget once; commands given meanwhile wait in `pending`.
function load() {
if (loading || unavailable) return;
loading = config.then(function (text) {
return import(assets + "__PEERHELP_JS__").then(function (glue) {
return glue.default({ module_or_path: fetchBytes() }).then(function () {
widget = glue.mount(root, launcher, text, api, emit);
emit("ready");
pending.splice(0).forEach(run);
// The real panel rises over the shell; the shell goes once it has.
setTimeout(function () { shell.hidden = true; }, 200);
});
});
}).catch(fail);
}

function run(args) {
var name = args[0];
if (name == "on") {
(listeners[args[1]] = listeners[args[1]] || []).push(args[2]);
} else if (name == "shutdown") {
if (widget) widget.unmount();
host.remove();
listeners = {};
window.PeerHelp = function () {};
} else if (/^(open|close|toggle|search|identify)$/.test(name)) {
if (widget) widget[name](args[1] || "");
// Identifying is silent and waits for the widget's normal load: it must not start the widget
// nor tell the visitor anything.
else if (unavailable) { if (!/^(close|identify)$/.test(name)) explain(); }
else {
pending.push(args);
if (name != "identify") {
load();
// The shell shows what the queued commands will leave: open or closed.
shell.hidden = name == "close" || name == "toggle" && !shell.hidden;
}
}
}
}

// When the server or the widget cannot be reached, say so instead of doing nothing.
function explain() {
notice.textContent = "Help is unavailable right now. Please try again in a moment.";
notice.hidden = false;
setTimeout(function () { notice.hidden = true; }, 6000);
}

window.PeerHelp = function () { run(arguments); };
PeerHelp.loaded = true;

var overrides = new URLSearchParams();
["name", "color", "greeting", "lang", "position"].forEach(function (key) {
if (data[key]) overrides.set(key, data[key]);
});
// The server picks the language: data-lang, else the site's setting, else these.
overrides.set("browser", navigator.languages.slice(0, 5));
config = fetch(api + "/config?" + overrides, { credentials: "omit" }).then(function (r) {
if (!r.ok) throw r.status;
return r.text();
});
config.then(function (text) {
var c = JSON.parse(text);
host.style.cssText = "--ph-brand:" + c.color + ";--ph-on-brand:" + c.text_color;
host.className = c.position;
launcher.setAttribute("aria-label", c.launcher_label);
}).catch(fail);

var sheet = new CSSStyleSheet();
sheet.replaceSync(":host{all:initial!important;position:fixed!important;bottom:0;right:0;width:0;height:0;z-index:" + (parseInt(data.zIndex, 10) || 2147483000) + "!important}" +
".launcher{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;" +
"background:var(--ph-brand,#333);color:var(--ph-on-brand,#fff);box-shadow:0 4px 14px #0004;display:grid;place-items:center;padding:0}" +
":host(.left)>*{left:20px;right:auto}" +
".launcher:focus-visible{outline:3px solid var(--ph-brand,#333);outline-offset:3px}" +
".launcher svg{width:28px;height:28px;fill:currentColor}" +
".notice{position:fixed;bottom:88px;right:20px;max-width:260px;margin:0;padding:10px 14px;border-radius:8px;background:#222;color:#fff;font:14px/1.4 system-ui,sans-serif}" +
// The shell: the panel's place, size and brand header over a pulsing search box; while it
// shows, the launcher's icon turns into a spinning ring.
".shell{position:fixed;bottom:88px;right:20px;width:380px;height:min(562px,calc(100vh - 186px));border-top:78px solid var(--ph-brand,#333);border-radius:14px;background:#fff;box-shadow:0 4px 14px #0004}" +
".shell p{height:42px;margin:16px;border-radius:8px;background:#e2e2e8;animation:p 1s infinite alternate}" +
":not([hidden])+.launcher svg{border:3px solid;border-top-color:#0000;border-radius:50%;fill:none;animation:s 1s linear infinite}" +
"@keyframes p{to{opacity:.4}}@keyframes s{to{rotate:1turn}}" +
"@media(max-width:479.98px){.shell{inset:0;width:auto;height:auto;border-radius:0}}");
root.adoptedStyleSheets = [sheet];

launcher.className = "launcher";
launcher.setAttribute("aria-label", "Help");
launcher.setAttribute("aria-expanded", "false");
// DOM calls rather than innerHTML, so pages enforcing Trusted Types accept the icon too.
var svg = "http://www.w3.org/2000/svg", icon = document.createElementNS(svg, "svg"), path = document.createElementNS(svg, "path");
icon.setAttribute("viewBox", "0 0 24 24");
path.setAttribute("d", "M3 4h18v13H9l-5 4v-4H3zm4 4v2h10V8zm0 4v2h7v-2z");
icon.append(path);
launcher.append(icon);
launcher.onclick = function () { run(["toggle"]); };
// Hover, focus or a touch means a click may follow: compile and start the widget now.
launcher.onpointerenter = launcher.onfocus = launcher.ontouchstart = load;
notice.className = "notice";
notice.setAttribute("role", "status");
shell.className = "shell";
shell.append(make("p"));
notice.hidden = shell.hidden = true;
root.append(shell, launcher, notice);

function attach() {
document.body.appendChild(host);
queued.forEach(run);
// Everyone gets the bytes on idle time; a helper opening an invite link gets the widget
// started, since it opens the helper desk by itself. (Reading storage to spot a returning
// visitor would cost every page several milliseconds: their widget, its unread badge and
// any question waiting to be sent start at their first sign of intent instead.)
var idle = /peerhelp-invite=/.test(location.hash) ? load : fetchBytes;
if (window.requestIdleCallback) requestIdleCallback(idle, { timeout: 5000 });
else setTimeout(idle, 3000);
}
if (document.body) attach();
else document.addEventListener("DOMContentLoaded", attach);
})();
