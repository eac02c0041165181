// PeerHelp loader: the only script a brand puts on its page. It must stay tiny (< 2 KB gzip)
// and never block the page: it draws the launcher at once, keeps the PeerHelp(...) command
// queue, and fetches the WebAssembly widget only on idle time or first interaction.
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
var listeners = {}, widget, loading, config, unavailable, pending = [];
var host = document.createElement("peerhelp-widget");
var root = host.attachShadow({ mode: "open" });
var launcher = document.createElement("button");
var notice = document.createElement("p");

function emit(name, detail) {
(listeners[name] || []).forEach(function (fn) {
try { fn(detail); } catch (e) { setTimeout(function () { throw e; }); }
});
}

// From now on the widget cannot work; a visitor who was waiting for it is told at once.
function fail() {
var waiting = pending.length;
unavailable = true;
pending = [];
if (waiting) explain();
}

// Fetches and starts the widget once; commands given meanwhile wait in `pending`.
function load() {
if (loading || unavailable) return;
loading = config.then(function (text) {
return import(assets + "__PEERHELP_JS__").then(function (glue) {
return glue.default({ module_or_path: assets + "__PEERHELP_WASM__" }).then(function () {
widget = glue.mount(root, launcher, text, api, emit);
emit("ready");
pending.splice(0).forEach(run);
});
});
}).catch(fail);
}

function run(args) {
var name = args[0];
if (name === "on") {
(listeners[args[1]] = listeners[args[1]] || []).push(args[2]);
} else if (name === "shutdown") {
if (widget) widget.unmount();
host.remove();
listeners = {};
window.PeerHelp = function () {};
} else if (/^(open|close|toggle|search|identify)$/.test(name)) {
if (widget) widget[name](args[1] || "");
// Identifying is silent and waits for the widget's normal load: it must not fetch the wasm early
// nor tell the visitor anything.
else if (unavailable) { if (!/^(close|identify)$/.test(name)) explain(); }
else { pending.push(args); if (name != "identify") load(); }
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
overrides.set("browser", (navigator.languages || [navigator.language]).slice(0, 5).join(","));
config = fetch(api + "/config?" + overrides, { credentials: "omit" }).then(function (r) {
if (!r.ok) throw r.status;
return r.text();
});
config.then(function (text) {
var c = JSON.parse(text);
host.style.setProperty("--ph-brand", c.color);
host.style.setProperty("--ph-on-brand", c.text_color);
host.className = c.position;
launcher.setAttribute("aria-label", c.launcher_label);
}).catch(fail);

var sheet = new CSSStyleSheet();
sheet.replaceSync(":host{all:initial!important;position:fixed!important;bottom:0;right:0;width:0;height:0;z-index:" + (parseInt(data.zIndex, 10) || 2147483000) + "!important}" +
".launcher{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;" +
"background:var(--ph-brand,#333);color:var(--ph-on-brand,#fff);box-shadow:0 4px 14px rgba(0,0,0,.25);display:grid;place-items:center;padding:0}" +
":host(.left) .launcher,:host(.left) .notice{left:20px;right:auto}" +
".launcher:focus-visible{outline:3px solid var(--ph-brand,#333);outline-offset:3px}" +
".launcher svg{width:28px;height:28px;fill:currentColor}" +
".notice{position:fixed;bottom:88px;right:20px;max-width:260px;margin:0;padding:10px 14px;border-radius:8px;background:#222;color:#fff;font:14px/1.4 system-ui,sans-serif}");
root.adoptedStyleSheets = [sheet];

launcher.className = "launcher";
launcher.type = "button";
launcher.setAttribute("aria-label", "Help");
launcher.setAttribute("aria-expanded", "false");
// DOM calls rather than innerHTML, so pages enforcing Trusted Types accept the icon too.
var svg = "http://www.w3.org/2000/svg", icon = document.createElementNS(svg, "svg"), path = document.createElementNS(svg, "path");
icon.setAttribute("viewBox", "0 0 24 24");
icon.setAttribute("aria-hidden", "true");
path.setAttribute("d", "M3 4h18v13H9l-5 4v-4H3zm4 4v2h10V8zm0 4v2h7v-2z");
icon.append(path);
launcher.append(icon);
launcher.onclick = function () { run(["toggle"]); };
// Hover or focus hints at a click soon: start fetching the widget.
launcher.onpointerenter = launcher.onfocus = function () { load(); };
notice.className = "notice";
notice.setAttribute("role", "status");
notice.hidden = true;
root.append(launcher, notice);

function attach() {
document.body.appendChild(host);
queued.forEach(run);
// Idle time after the page settles: fetch the widget so the first click opens at once.
if (window.requestIdleCallback) requestIdleCallback(load, { timeout: 5000 });
else setTimeout(load, 3000);
}
if (document.body) attach();
else document.addEventListener("DOMContentLoaded", attach);
})();
