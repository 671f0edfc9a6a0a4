/* 借呗复通指南 · the project's one script. No framework, no build step, no network.
 *
 * Readers tick checklist items; ticks are kept in this browser (localStorage),
 * keyed by item ID (not position), so they survive reloads, site updates that
 * insert or reorder items, and switching language. Each tick keeps when it was
 * made and a short hash of the item's text per language, so a step that changed
 * since it was ticked can say so. Without this script the pages stay readable,
 * tickable and printable; the toolbar and counts are hidden, and ticks are not saved.
 */
(function () {
  "use strict";

  /* ---- What Material loads on every page, and what this site does instead ----
   * Material's bundle makes these requests with XMLHttpRequest and new Worker(), so
   * this script, loaded before it (overrides/main.html), wraps both first.
   *
   * 1. "sitemap.xml" next to every hreflang alternate link (3 per page), to remap
   *    the language menu's links. Ours already link each page to its translation, so
   *    the requests are answered "aborted" without touching the network; Material
   *    then leaves the links alone.
   * 2. Search: its worker script and index are about a third of a page's weight, and
   *    few readers search. Both wait until the reader starts a search (focus or hover
   *    on the search box, the search button, or a page opened from a search result).
   *    Material shows "initializing search" meanwhile and runs the query once ready.
   *
   * What this relies on in Material's bundle (pinned with Material in hooks/guide/theme.py;
   * tests/test_theme.py checks A1-A6 against the pinned bundle and templates, and the
   * Chromium search tests check A7):
   * A1. Its one way to fetch is XMLHttpRequest ("GET"; no fetch()), so wrapping open() and
   *     send() sees every request it makes.
   * A2. It asks for new URL("sitemap.xml", …) of each link[rel=alternate], and takes an
   *     "abort" event as the end of that request, without error and without a remap.
   * A3. It asks for the index at new URL("search/search_index.json", base) the same way.
   * A4. It starts the search worker with new Worker(url), url being __config.search:
   *     ".../workers/search.<hash>.min.js" (the pattern below).
   * A5. It talks to the worker only by postMessage() and "message" events, never by
   *     onmessage, onerror or terminate(): the stand-in offers just those.
   * A6. The search box is .md-search, its toggle label [for='__search'], input #__search.
   * A7. It posts nothing to the worker before the index has arrived. */
  var Request = window.XMLHttpRequest;
  if (Request) {
    var open = Request.prototype.open;
    var send = Request.prototype.send;
    var held = []; // what starts once search is wanted
    var searchWanted = /[?&]h=/.test(location.search); // highlight terms from a search result

    Request.prototype.open = function (method, url) {
      var path = String(url).split(/[?#]/)[0];
      this.guideSkip = /\/sitemap\.xml$/.test(path);
      this.guideHold = /\/search\/search_index\.json$/.test(path);
      return open.apply(this, arguments);
    };
    Request.prototype.send = function () {
      if (this.guideSkip) { this.dispatchEvent(new ProgressEvent("abort")); return; }
      if (this.guideHold && !searchWanted) {
        var request = this;
        var body = arguments[0];
        held.push(function () { send.call(request, body); });
        return;
      }
      return send.apply(this, arguments);
    };

    /* Material only talks to its search worker once the index has arrived, so until
     * then it holds a stand-in that starts the real worker when search is wanted. */
    var RealWorker = window.Worker;
    if (RealWorker && window.EventTarget && !searchWanted) {
      window.Worker = function (url, options) {
        if (searchWanted || !/\/workers\/search\.[\w.]+\.js$/.test(String(url))) {
          return new RealWorker(url, options);
        }
        var standIn = new EventTarget();
        var worker = null;
        standIn.start = function () {
          if (worker) { return; }
          worker = new RealWorker(url, options);
          worker.addEventListener("message", function (event) {
            standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
          });
        };
        standIn.postMessage = function (message) { standIn.start(); worker.postMessage(message); };
        standIn.terminate = function () { if (worker) { worker.terminate(); } };
        held.push(standIn.start);
        return standIn;
      };
    }

    var wantSearch = function (event) {
      if (searchWanted || !(event.target instanceof Element)) { return; }
      if (!event.target.closest(".md-search, [for='__search'], #__search")) { return; }
      searchWanted = true;
      held.splice(0).forEach(function (start) { start(); });
    };
    ["focusin", "pointerover", "pointerdown", "change"].forEach(function (type) {
      document.addEventListener(type, wantSearch, true);
    });
  }

  /* Material searches when a key is released in the search box ("keyup"). Text that is
   * pasted, dictated or composed by an input method changes the box without one, so each
   * such change is passed on as a key release (Material drops repeats of the same text). */
  function searchOnEveryChange(event) {
    var box = event.target;
    if (!(box instanceof Element) || !box.matches(".md-search__input") || event.isComposing) { return; }
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
  document.addEventListener("input", searchOnEveryChange, true);
  document.addEventListener("compositionend", searchOnEveryChange, true);

  var KEY = "jiebei-guide:progress";
  var FORMAT = "jiebei-guide-progress";
  var VERSION = 1;
  var ID = /^[A-Z]{2}-\d{2}$/;
  var lang = (document.documentElement.lang || "zh").slice(0, 2) === "en" ? "en" : "zh";

  var TEXT = {
    zh: {
      progress: "已完成", confirmReset: "确定清除本页的全部勾选吗？此操作无法撤销。",
      changed: "此步骤在你勾选后有改动，请重新核对。", imported: "已导入 {n} 个勾选。",
      badFile: "无法导入：这不是本指南导出的进度文件，当前的勾选保持不变。",
      noStorage: "此浏览器不允许保存（可能是无痕模式）：勾选只在本页打开期间有效。",
      cleared: "已清除本页勾选。", exported: "已导出进度文件。", printed: "打印日期"
    },
    en: {
      progress: "Done",
      confirmReset: "Clear every tick on this page? This cannot be undone.",
      changed: "This step changed since you ticked it: please check it again.",
      imported: "Imported {n} ticks.",
      badFile: "Could not import: this is not a progress file exported by this guide. Your current ticks are unchanged.",
      noStorage: "This browser does not allow saving (private mode?): ticks last only while this page is open.",
      cleared: "Cleared the ticks on this page.", exported: "Progress file exported.", printed: "Printed"
    }
  }[lang];

  /* ---- Storage: never trusted, never fatal ---- */

  var memory = null; // used when localStorage is unavailable (private mode, disabled storage)

  function isTick(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) &&
      typeof value.at === "string" && value.h !== null && typeof value.h === "object" && !Array.isArray(value.h);
  }

  // Accept only our own format; keep only well-formed entries. Anything else -> null.
  function validProgress(data) {
    if (data === null || typeof data !== "object" || data.format !== FORMAT || data.version !== VERSION ||
        data.items === null || typeof data.items !== "object" || Array.isArray(data.items)) {
      return null;
    }
    var items = {};
    Object.keys(data.items).forEach(function (id) {
      if (ID.test(id) && isTick(data.items[id])) { items[id] = data.items[id]; }
    });
    return { format: FORMAT, version: VERSION, items: items };
  }

  function empty() { return { format: FORMAT, version: VERSION, items: {} }; }

  function load() {
    if (memory) { return memory; }
    var raw;
    try {
      raw = window.localStorage.getItem(KEY);
    } catch (error) { // storage disabled: keep ticks in memory for this page
      memory = empty();
      status(TEXT.noStorage);
      return memory;
    }
    return parse(raw) || empty(); // corrupt, foreign or older data: start empty
  }

  function parse(text) {
    try { return text ? validProgress(JSON.parse(text)) : null; } catch (error) { return null; }
  }

  function save(progress) {
    if (memory) { memory = progress; return; }
    try {
      window.localStorage.setItem(KEY, JSON.stringify(progress));
    } catch (error) {
      memory = progress;
      status(TEXT.noStorage);
    }
  }

  /* ---- Page elements ---- */

  var items = Array.prototype.slice.call(document.querySelectorAll("li.checklist-item[data-item]"));
  var statusLine = null;

  function status(message, isError) {
    if (!statusLine) { return; }
    statusLine.textContent = message;
    statusLine.className = "guide-status" + (isError ? " guide-status--error" : "");
  }

  function boxOf(item) { return item.querySelector("input.checklist-box"); }

  function markChanged(item, changed) {
    var note = item.querySelector(".checklist-changed");
    if (changed && !note) {
      note = document.createElement("span");
      note.className = "checklist-changed";
      note.textContent = TEXT.changed;
      item.querySelector("label").appendChild(note);
    } else if (!changed && note) {
      note.remove();
    }
  }

  // Reflect stored ticks on the page. A tick made in the other language adopts
  // this language's hash the first time it is seen here.
  function restore() {
    var progress = load();
    var adopted = false;
    items.forEach(function (item) {
      var tick = progress.items[item.dataset.item];
      var box = boxOf(item);
      if (box.checked !== Boolean(tick)) { box.checked = Boolean(tick); }
      item.classList.toggle("is-ticked", Boolean(tick));
      if (tick && !tick.h[lang]) {
        tick.h[lang] = item.dataset.hash;
        adopted = true;
      }
      markChanged(item, Boolean(tick) && tick.h[lang] !== item.dataset.hash);
    });
    if (adopted) { save(progress); }
    updateCounts();
  }

  function onToggle(event) {
    var box = event.target;
    var item = box.closest("li.checklist-item");
    if (!item) { return; }
    var progress = load();
    if (box.checked) {
      var hashes = {};
      hashes[lang] = item.dataset.hash;
      progress.items[item.dataset.item] = { at: new Date().toISOString(), h: hashes };
    } else {
      delete progress.items[item.dataset.item];
    }
    item.classList.toggle("is-ticked", box.checked);
    markChanged(item, false);
    save(progress);
    updateCounts();
  }

  /* ---- Progress counts: per checklist, per page, on the home page's stage map ---- */

  function countIn(container) {
    var boxes = container.querySelectorAll("input.checklist-box");
    var done = container.querySelectorAll("input.checklist-box:checked").length;
    return done + "/" + boxes.length;
  }

  // Writing the same text still costs the browser a new layout: write only changes.
  function setText(element, text) {
    if (element && element.textContent !== text) { element.textContent = text; }
  }

  // The count elements are in the HTML from the build (so nothing shifts when this runs);
  // they are hidden when JavaScript is off (a <noscript> style in overrides/main.html).
  function updateCounts() {
    document.querySelectorAll(".checklist").forEach(function (checklist) {
      setText(checklist.querySelector(".checklist-count"), countIn(checklist));
    });
    setText(document.querySelector(".guide-toolbar__progress"), TEXT.progress + " " + countIn(document));
    var stored = load().items;
    document.querySelectorAll("[data-items]").forEach(function (link) {
      var ids = link.dataset.items.split(" ").filter(Boolean);
      var done = ids.filter(function (id) { return stored[id]; }).length;
      setText(link.parentNode.querySelector(".stage-map__progress"),
              "(" + TEXT.progress + " " + done + "/" + ids.length + ")");
    });
    document.querySelectorAll(".worksheet-box[data-item]").forEach(function (box) {
      box.classList.toggle("is-ticked", Boolean(stored[box.dataset.item]));
    });
  }

  /* ---- Toolbar: print, reset, export, import ---- */

  function resetPage() {
    if (!window.confirm(TEXT.confirmReset)) { return; }
    var progress = load();
    items.forEach(function (item) { delete progress.items[item.dataset.item]; });
    save(progress);
    restore();
    status(TEXT.cleared);
  }

  function exportProgress() {
    var data = load();
    data.exported = new Date().toISOString();
    var blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "jiebei-guide-progress-" + data.exported.slice(0, 10) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    status(TEXT.exported);
  }

  function importProgress(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var data = parse(String(reader.result));
      if (!data) { status(TEXT.badFile, true); return; } // current ticks untouched
      save(data);
      restore();
      status(TEXT.imported.replace("{n}", Object.keys(data.items).length));
    };
    reader.onerror = function () { status(TEXT.badFile, true); };
    reader.readAsText(file);
  }

  // The toolbar's markup comes from the build (hooks/guide/html.py); this wires it up.
  function toolbar() {
    var bar = document.querySelector(".guide-toolbar");
    if (!bar) { return; }
    statusLine = bar.querySelector(".guide-status");
    var picker = bar.querySelector("input[type=file]");
    var actions = {
      print: function () { window.print(); },
      reset: resetPage,
      "export": exportProgress,
      "import": function () { picker.click(); }
    };
    bar.querySelectorAll("button[data-action]").forEach(function (element) {
      element.addEventListener("click", actions[element.dataset.action]);
    });
    picker.addEventListener("change", function () {
      if (picker.files && picker.files[0]) { importProgress(picker.files[0]); }
      picker.value = "";
    });
  }

  /* ---- Printing: open collapsed checklists, print link URLs, the page URL and date ---- */

  var reopened = [];

  // On paper a link shows its address, decoded (Chinese anchors, not %E5%9B%9B…). The
  // worksheet is a form to fill in by hand: its one address is in the header, and the IDs
  // lead back to the steps, so its links print none.
  function printedAddress(url) {
    try { return decodeURI(url); } catch (error) { return url; } // a malformed %-sequence
  }

  function beforePrint() {
    document.querySelectorAll("details.checklist:not([open])").forEach(function (details) {
      details.open = true;
      reopened.push(details);
    });
    var isWorksheet = Boolean(document.querySelector(".worksheet-table"));
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (isWorksheet || href.charAt(0) === "#" || link.classList.contains("headerlink") ||
          link.closest(".footnote, .footnote-ref, .guide-toolbar")) { return; }
      link.setAttribute("data-print-url", printedAddress(link.href));
    });
    var meta = document.querySelector(".print-meta");
    if (!meta) {
      meta = document.createElement("p");
      meta.className = "print-meta";
      var content = document.querySelector(".md-content__inner");
      if (content) { content.insertBefore(meta, content.firstChild); }
    }
    meta.textContent = printedAddress(location.href.split("#")[0]) + " · " + TEXT.printed + " " +
      new Date().toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB");
  }

  function afterPrint() {
    reopened.forEach(function (details) { details.open = false; });
    reopened = [];
  }

  /* ---- Start ---- */

  toolbar();
  items.forEach(function (item) { boxOf(item).addEventListener("change", onToggle); });
  restore();
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  window.addEventListener("storage", function (event) { if (event.key === KEY) { restore(); } });
})();
