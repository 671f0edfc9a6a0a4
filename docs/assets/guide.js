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
   * 3. Search, in the page's language: each language has its own index (built by
   *    hooks/guide/search.py), and Material asks for the default language's on every page.
   *    Queries and results pass through searchQuery() and searchResult() below.
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
   * A7. It posts nothing to the worker before the index has arrived.
   * And its search worker (tests/test_theme.py checks A8-A10 against the pinned sources):
   * A8. Messages are {type, data}: 0 setup (data.docs: the index's {location, title, text}),
   *     1 ready, 2 query (data: the text in the box), 3 result (data.items: groups of
   *     {location, title, text, terms}); a result link's "h" lists the terms true in "terms".
   * A9. It cuts a Chinese query into words of the index but never looks up the last one,
   *     and a Han character at the end of a run is never part of a word (see chineseWords).
   * A10. The bundle searches on "keyup" in the box, not on "input". */
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
      var args = Array.prototype.slice.call(arguments);
      if (this.guideHold) { args[1] = searchIndexOfThisLanguage(String(url)); }
      return open.apply(this, args);
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
     * then it holds a stand-in that starts the real worker when search is wanted.
     * The stand-in also passes queries and results through searchQuery()/searchResult(). */
    var RealWorker = window.Worker;
    if (RealWorker && window.EventTarget) {
      window.Worker = function (url, options) {
        if (!/\/workers\/search\.[\w.]+\.js$/.test(String(url))) {
          return new RealWorker(url, options);
        }
        var standIn = new EventTarget();
        var worker = null;
        standIn.start = function () {
          if (worker) { return; }
          worker = new RealWorker(url, options);
          worker.addEventListener("message", function (event) {
            standIn.dispatchEvent(new MessageEvent("message", { data: searchResult(event.data) }));
          });
        };
        standIn.postMessage = function (message) { standIn.start(); worker.postMessage(searchQuery(message)); };
        standIn.terminate = function () { if (worker) { worker.terminate(); } };
        if (searchWanted) { standIn.start(); } else { held.push(standIn.start); }
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

  /* ---- Search in the page's language: index, typos, highlight terms ---- */

  // Material asks for the index at the site root; other languages' are in their folder.
  // (Called once Material runs, after this script has set `lang`.)
  function searchIndexOfThisLanguage(url) {
    return lang === "zh" ? url : url.replace(/search\/search_index\.json/, lang + "/$&");
  }

  var SEARCH_SETUP = 0;
  var SEARCH_QUERY = 2;
  var SEARCH_RESULT = 3;
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
  var searchWords = null; // the Chinese words of the index, as jieba cut them at build time

  function learnSearchWords(index) {
    searchWords = {};
    index.docs.forEach(function (doc) {
      (String(doc.title) + " " + String(doc.text)).replace(HAN, function (word) {
        searchWords[word] = true; // words are separated by zero-width spaces: not Han
        return word;
      });
    });
  }

  function searchQuery(message) {
    if (message && message.type === SEARCH_SETUP && message.data && message.data.docs) {
      learnSearchWords(message.data);
    }
    if (!message || message.type !== SEARCH_QUERY || typeof message.data !== "string") { return message; }
    var query = message.data.replace(HAN, chineseWords);
    if (lang === "en") { query += typoTolerant(query) + otherForms(query); }
    return { type: message.type, data: query };
  }

  // Material cuts a Chinese query into words of the index, but never looks up the last
  // one ("资金挪用" becomes 资金 alone, "人工审核" 人工). So the query is cut here, longest
  // word of the index first, and each word is sent with a character after it ("〇", Han
  // but never looked up) that Material drops, leaving exactly that word. Text that is not
  // all words of the index (a word being typed) is sent as it is.
  function chineseWords(run) {
    if (!searchWords) { return run; }
    var words = [];
    for (var start = 0; start < run.length;) {
      var end = Math.min(run.length, start + 8);
      while (end > start && !searchWords[run.slice(start, end)]) { end--; }
      if (end === start) { return run; }
      words.push(run.slice(start, end) + "\u3007");
      start = end;
    }
    return " " + words.join(" ") + " ";
  }

  // One typo in an English word of five letters or more still finds it ("recopen" finds
  // "reopen"): such a word is also looked up with an edit distance of one (lunr's "~1").
  function typoTolerant(query) {
    var words = query.split(/\s+/).filter(function (word) { return /^[a-z]{5,}$/i.test(word); });
    return words.map(function (word) { return " " + word + "~1"; }).join("");
  }

  // lunr's stemmer does not bring every form of a word to one stem ("closed" becomes
  // "close", "closures" "closur"): a word with an ending is also looked up by its root,
  // as the start of a word ("clos" finds both). Roots shorter than four letters would
  // find unrelated words.
  function otherForms(query) {
    return query.split(/\s+/).map(function (word) {
      var root = word.toLowerCase().replace(/(?:ing|ed|es|e|s)$/, "");
      return /^[a-z]{4,}$/.test(root) && root !== word.toLowerCase() ? " " + root : "";
    }).join("");
  }

  // Material names a result's matched terms in its link ("?h=", highlighted on arrival)
  // only when a word in the index starts with the query's word; a stemmed ("reports" ->
  // "report") or mistyped match leaves "h" empty and lists the word as missing. The words
  // the worker marked in the result are what matched: those become the terms, and a query
  // word stays "missing" only when no marked word resembles it. A page that only heads its
  // sections' results gets their words. A text without a match is dropped (see below).
  function searchResult(message) {
    if (!message || message.type !== SEARCH_RESULT || !message.data || !message.data.items) { return message; }
    message.data.items.forEach(function (group) {
      var groupWords = [];
      group.forEach(function (item) {
        item.guideMarked = markedWords(item);
        groupWords = groupWords.concat(item.guideMarked);
      });
      group.forEach(function (item) {
        // The worker cuts a text down to its blocks with a match, but leaves a text without
        // one whole: a page matched by its title alone would show its whole preface.
        if (typeof item.text === "string" && item.text.indexOf("<mark>") < 0) { item.text = ""; }
        if (typeof item.text === "string") { item.text = item.text.replace(/<p>([\s\S]*?)<\/p>/g, shortBlock); }
        if (!item.title && item.checklist) { item.title = item.checklist; } // shown, not weighed: see search.py
        var words = item.guideMarked.length ? item.guideMarked : groupWords;
        delete item.guideMarked;
        if (!words.length) { return; }
        var terms = {};
        Object.keys(item.terms || {}).forEach(function (term) {
          if (!item.terms[term] && !words.some(function (word) { return resembles(term, word); })) {
            terms[term] = false;
          }
        });
        words.forEach(function (word) { terms[word] = true; });
        item.terms = terms;
      });
    });
    return message;
  }

  // The worker keeps at most two blocks with a match; a long one is cut to the words around
  // its first match, so that no result fills a phone screen. Works on the worker's HTML:
  // text, entities, zero-width spaces (not counted) and <mark> tags (kept balanced).
  var SNIPPET = 200; // characters shown of one block
  function shortBlock(match, block) {
    var units = block.match(/<\/?mark>|&[#\w]+;|[\s\S]/g) || [];
    var shown = function (unit) { return unit.charAt(0) !== "<" && unit !== "\u200b"; };
    if (units.filter(shown).length <= SNIPPET) { return match; }
    var first = Math.max(0, units.indexOf("<mark>"));
    var start = first;
    for (var before = 0; start > 0 && before < 40; start--) { if (shown(units[start - 1])) { before++; } }
    var out = [];
    var open = false;
    var count = 0;
    for (var i = start; i < units.length && (count < SNIPPET || open); i++) { // a match stays whole
      if (units[i] === "<mark>") { open = true; } else if (units[i] === "</mark>") { open = false; }
      if (shown(units[i])) { count++; }
      out.push(units[i]);
    }
    if (open) { out.push("</mark>"); }
    return "<p>" + (start > 0 ? "…" : "") + out.join("") + (i < units.length ? "…" : "") + "</p>";
  }

  function markedWords(item) {
    var words = [];
    [item.title, item.text].forEach(function (html) {
      String(html || "").replace(/<mark>([\s\S]*?)<\/mark>/g, function (match, inner) {
        var word = inner.replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").toLowerCase()
          .replace(/^[^\w\u3400-\u9fff]+|[^\w\u3400-\u9fff]+$/g, ""); // "report." -> "report"
        if (word && words.indexOf(word) < 0) { words.push(word); }
        return match;
      });
    });
    return words;
  }

  // Same word, other form ("report"/"reports", "manual"/"manually") or one typo away.
  function resembles(term, word) {
    term = term.toLowerCase();
    if (word.indexOf(term) === 0 || term.indexOf(word) === 0) { return true; }
    var common = 0;
    while (common < term.length && term.charAt(common) === word.charAt(common)) { common++; }
    if (common >= 4) { return true; }
    return oneEditApart(term, word);
  }

  function oneEditApart(a, b) {
    if (Math.abs(a.length - b.length) > 1) { return false; }
    var i = 0;
    var j = 0;
    var edits = 0;
    while (i < a.length && j < b.length) {
      if (a.charAt(i) === b.charAt(j)) { i++; j++; continue; }
      if (++edits > 1) { return false; }
      if (a.length > b.length) { i++; } else if (a.length < b.length) { j++; } else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
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

  /* ---- Material's drawer and search start closed ----
   * Both are checkboxes, and a browser restores a checkbox when the reader comes back to a
   * page, which would reopen them. Material's autocomplete="off" prevented that, but the
   * HTML standard forbids it on checkboxes, so the build removes it (hooks/guide/html.py)
   * and this script closes them again once the browser has restored them (Chromium does
   * so after "load", before "pageshow"), telling Material with a change event. */
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input.md-toggle[data-md-toggle]"), function (box) {
      if (box.checked !== box.defaultChecked) {
        box.checked = box.defaultChecked;
        box.dispatchEvent(new Event("change"));
      }
    });
  });

  var FORMAT = "jiebei-guide-progress";
  var VERSION = 1;
  var ID = /^([A-Z]{2})-([0-9]{2})$/; // hooks/guide/model.py ID_SOURCE, anchored (tests/test_item_ids.py)
  var MAX_FILE_KB = 256; // an export of every item is about 5 KB
  var MAX_LINK_CHARS = 32768; // a link with every item ticked is about 8,000 characters
  var MAX_TICKS = 1000; // the site publishes about a hundred IDs
  var LINK_PREFIX = "#progress=";
  var lang = (document.documentElement.lang || "zh").slice(0, 2) === "en" ? "en" : "zh";
  var bar = document.querySelector(".guide-toolbar");

  // The words come from the build (hooks/guide/html.py SCRIPT_WORDS), on the toolbar.
  var TEXT = (function () {
    try { return JSON.parse(bar.getAttribute("data-words")) || {}; } catch (error) { return {}; }
  }());
  // From the build, on the toolbar: this build's mark, which only the checklist extension writes
  // (raw HTML in a page cannot know it), and every item ID the site publishes (all an import may keep).
  var MARK = (bar && bar.getAttribute("data-mark")) || "";
  var PUBLISHED = {};
  ((bar && bar.getAttribute("data-ids")) || "").split(" ").forEach(function (id) {
    if (ID.test(id)) { PUBLISHED[id] = true; }
  });
  function isOurs(element) { return Boolean(MARK) && element.getAttribute("data-mark") === MARK; }
  function say(key, values) {
    return String(TEXT[key] || "").replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }

  /* ---- Storage: never trusted, never fatal ----
   * The key names the site's folder (where this script lives, minus assets/guide.js), so two
   * guides on one origin keep their own ticks. Ticks saved under the first, unscoped key are
   * copied over once; that key stays, as another guide on the origin may still need it. */
  var OLD_KEY = "jiebei-guide:progress";
  var KEY = OLD_KEY + ":" + siteFolder();

  function siteFolder() {
    var script = document.currentScript;
    var path = script && script.src ? new URL(script.src, location.href).pathname : "/assets/guide.js";
    return path.replace(/assets\/guide\.js$/, "");
  }

  var memory = null; // used when localStorage is unavailable (private mode, disabled storage)

  // A tick: when (an ISO date, not in the future) and, per language, the item's hash then.
  function isTick(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) &&
      typeof value.at === "string" && value.at.length <= 40 && Date.parse(value.at) <= Date.now() + 86400000 &&
      value.h !== null && typeof value.h === "object" && !Array.isArray(value.h) &&
      Object.keys(value.h).length <= 4 && Object.keys(value.h).every(function (key) {
        return typeof value.h[key] === "string" && value.h[key].length <= 16;
      });
  }

  // Accept only our own format; keep only well-formed entries. Anything else -> null.
  function validProgress(data) {
    if (data === null || typeof data !== "object" || data.format !== FORMAT || data.version !== VERSION ||
        data.items === null || typeof data.items !== "object" || Array.isArray(data.items)) {
      return null;
    }
    var items = {};
    Object.keys(data.items).slice(0, MAX_TICKS).forEach(function (id) {
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
      if (raw === null) { raw = migrate(); }
    } catch (error) { // storage disabled: keep ticks in memory for this page
      memory = empty();
      cannotSave();
      return memory;
    }
    return parse(raw) || empty(); // corrupt, foreign or older data: start empty
  }

  function migrate() {
    var old = window.localStorage.getItem(OLD_KEY);
    if (old !== null && parse(old)) { window.localStorage.setItem(KEY, old); }
    return old;
  }

  function parse(text) {
    try { return text ? validProgress(JSON.parse(text)) : null; } catch (error) { return null; }
  }

  // Saves; says why when it cannot (storage full is not private mode). Returns whether it saved.
  function save(progress) {
    if (memory) { memory = progress; return false; }
    try {
      window.localStorage.setItem(KEY, JSON.stringify(progress));
      return true;
    } catch (error) {
      memory = progress;
      // Refused from the start (the head's probe showed the notice): said already. Storage that
      // filled up is said in the status line; any other refusal shows the notice.
      if (!document.documentElement.classList.contains("guide-no-storage")) {
        if (isQuota(error)) { status(TEXT.storageFull, true); } else { cannotSave(); }
      }
      return false;
    }
  }

  function isQuota(error) {
    return Boolean(error) && (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
      error.code === 22 || error.code === 1014);
  }

  // The notice that ticks won't be kept is in the toolbar from the build, shown by this class
  // on <html>. The theme's head script (overrides/partials/javascripts/base.html) sets it before
  // the page is drawn when this browser refuses to save, so nothing moves when a box is ticked;
  // this catches what that probe could not foresee.
  function cannotSave() { document.documentElement.classList.add("guide-no-storage"); }

  /* ---- Page elements ---- */

  // Only the items the checklist extension wrote: raw HTML with the same classes is not bound.
  var items = Array.prototype.filter.call(document.querySelectorAll("li.checklist-item[data-item]"), function (item) {
    return isOurs(item) && ID.test(item.dataset.item) && boxOf(item) && isOurs(boxOf(item));
  });
  var statusLine = bar && bar.querySelector(".guide-status");

  function status(message, isError) {
    if (!statusLine) { return; }
    statusLine.textContent = message;
    statusLine.className = "guide-status" + (isError ? " guide-status--error" : "");
  }

  function boxOf(item) { return item.querySelector("input.checklist-box"); }

  function newTick(item) {
    var hashes = {};
    hashes[lang] = item.dataset.hash;
    return { at: new Date().toISOString(), h: hashes };
  }

  // The notice describes the checkbox (aria-describedby); inside the label it would become
  // part of the checkbox's name.
  function markChanged(item, changed) {
    var note = item.querySelector(".checklist-changed");
    var box = boxOf(item);
    if (changed && !note) {
      note = document.createElement("span");
      note.className = "checklist-changed";
      note.id = box.id + "-changed";
      note.textContent = TEXT.changed;
      item.appendChild(note);
      box.setAttribute("aria-describedby", note.id);
    } else if (!changed && note) {
      note.remove();
      box.removeAttribute("aria-describedby");
    }
  }

  // A box ticked before this script ran (a slow connection) is a tick: save it, so that the
  // restore below does not undo it.
  function keepEarlyTicks() {
    var progress = load();
    var early = items.filter(function (item) {
      return boxOf(item).checked && !progress.items[item.dataset.item];
    });
    early.forEach(function (item) { progress.items[item.dataset.item] = newTick(item); });
    if (early.length) { save(progress); }
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
      progress.items[item.dataset.item] = newTick(item);
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
    var boxes = Array.prototype.filter.call(container.querySelectorAll("input.checklist-box"), isOurs);
    var done = boxes.filter(function (box) { return box.checked; }).length;
    return done + "/" + boxes.length;
  }

  // Writing the same text still costs the browser a new layout: write only changes.
  function setText(element, text) {
    if (element && element.textContent !== text) { element.textContent = text; }
  }

  // The count elements and their words are in the HTML from the build (so nothing shifts
  // when this runs); only the numbers change. They are hidden when JavaScript is off.
  function setCount(element, count) {
    if (element) { setText(element, element.textContent.replace(/\d+\/\d+/, count)); }
  }

  function updateCounts() {
    Array.prototype.filter.call(document.querySelectorAll(".checklist"), isOurs).forEach(function (checklist) {
      setText(checklist.querySelector(".checklist-count"), countIn(checklist));
    });
    setCount(document.querySelector(".guide-toolbar__progress"), countIn(document));
    var stored = load().items;
    document.querySelectorAll("[data-items]").forEach(function (link) {
      var ids = link.dataset.items.split(" ").filter(Boolean);
      var done = ids.filter(function (id) { return stored[id]; }).length;
      setCount(link.parentNode.querySelector(".stage-map__progress"), done + "/" + ids.length);
    });
    Array.prototype.filter.call(document.querySelectorAll(".worksheet-box[data-item]"), isOurs).forEach(function (box) {
      box.classList.toggle("is-ticked", Boolean(stored[box.dataset.item]));
    });
  }

  /* ---- Moving progress between devices: merge, and always ask first ----
   * Both the progress file and the progress link only ever add ticks: what this browser
   * has stays. Nothing changes unless the reader says yes to a question that lists the
   * incoming ticks. Empty, foreign or oversized input is refused with a message. */

  // Only IDs the site publishes are kept; a tick here is replaced only by a newer one, and the
  // message says how many were. If saving fails, the message says so, not "merged".
  function mergeAsking(incoming, source) {
    var all = Object.keys(incoming.items);
    var ids = all.filter(function (id) { return PUBLISHED[id]; }).sort();
    if (!ids.length) { status(all.length ? say("noKnownTicks", { n: all.length }) : TEXT.emptyFile, true); return; }
    var progress = load();
    var question = say("askMerge", {
      source: TEXT[source], n: ids.length, ids: ids.join(", "), m: Object.keys(progress.items).length
    });
    if (!window.confirm(question)) { status(TEXT.notMerged); return; }
    var replaced = 0;
    ids.forEach(function (id) {
      var here = progress.items[id];
      if (!here || Date.parse(here.at) < Date.parse(incoming.items[id].at)) {
        if (here) { replaced += 1; }
        progress.items[id] = incoming.items[id];
      }
    });
    var saved = save(progress);
    restore();
    if (!saved) { return; } // save() has said why
    var message = say("merged", { n: ids.length, total: Object.keys(progress.items).length });
    if (replaced) { message += " " + say("replaced", { r: replaced }); }
    if (ids.length < all.length) { message += " " + say("ignored", { n: all.length - ids.length }); }
    status(message);
  }

  function importProgress(file) {
    if (file.size > MAX_FILE_KB * 1024) { status(say("bigFile", { kb: MAX_FILE_KB }), true); return; }
    var reader = new FileReader();
    reader.onload = function () {
      var data = parse(String(reader.result));
      if (!data) { status(TEXT.badFile, true); return; } // current ticks untouched
      mergeAsking(data, "fromFile");
    };
    reader.onerror = function () { status(TEXT.badFile, true); };
    reader.readAsText(file);
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

  // The ticks ride in the URL's fragment, which the browser never sends to a server.
  function progressLink() {
    var json = JSON.stringify({ format: FORMAT, version: VERSION, items: load().items });
    var code = btoa(unescape(encodeURIComponent(json))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    return location.href.split("#")[0] + LINK_PREFIX + code;
  }

  function readProgressLink(hash) {
    if (hash.length > MAX_LINK_CHARS) { return null; }
    try {
      var code = hash.slice(LINK_PREFIX.length).replace(/-/g, "+").replace(/_/g, "/");
      return validProgress(JSON.parse(decodeURIComponent(escape(atob(code)))));
    } catch (error) { return null; }
  }

  function shareProgressLink() {
    var link = progressLink();
    var show = function () {
      status(TEXT.linkHere);
      var shown = document.createElement("a");
      shown.href = link;
      shown.textContent = link;
      shown.className = "guide-status__link";
      statusLine.appendChild(shown);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(link).then(function () { status(TEXT.linkCopied); }, show);
    } else {
      show();
    }
  }

  // Opened from a progress link: show what it holds, ask, then take it out of the address
  // (so a reload does not ask again).
  function openProgressLink() {
    if (location.hash.indexOf(LINK_PREFIX) !== 0) { return; }
    var length = location.hash.length;
    var data = readProgressLink(location.hash);
    history.replaceState(null, "", location.href.split("#")[0]);
    if (length > MAX_LINK_CHARS) { status(say("longLink", { n: length.toLocaleString() }), true); return; }
    if (!data) { status(TEXT.badLink, true); return; }
    mergeAsking(data, "fromLink");
  }

  /* ---- Toolbar: the count and one "tools" button on a phone; the tools ---- */

  function resetPage() {
    if (!window.confirm(TEXT.confirmReset)) { return; }
    var progress = load();
    items.forEach(function (item) { delete progress.items[item.dataset.item]; });
    save(progress);
    restore();
    status(TEXT.cleared);
  }

  // The toolbar's markup comes from the build (hooks/guide/html.py); this wires it up.
  function toolbar() {
    if (!bar) { return; }
    var picker = bar.querySelector("input[type=file]");
    var menu = bar.querySelector(".guide-toolbar__menu");
    var actions = {
      print: function () { window.print(); },
      reset: resetPage,
      link: shareProgressLink,
      "export": exportProgress,
      "import": function () { picker.click(); }
    };
    bar.querySelectorAll("button[data-action]").forEach(function (element) {
      element.addEventListener("click", actions[element.dataset.action]);
    });
    if (menu) {
      menu.addEventListener("click", function () {
        var open = menu.getAttribute("aria-expanded") !== "true";
        menu.setAttribute("aria-expanded", String(open));
        bar.classList.toggle("is-open", open);
      });
    }
    picker.addEventListener("change", function () {
      if (picker.files && picker.files[0]) { importProgress(picker.files[0]); }
      picker.value = "";
    });
  }

  /* ---- Phones: the first checklist on the first screen ----
   * On a narrow screen the editor's notes above a page's first checklist fold into their
   * titles (which carry their message), so the checklist starts on the first screen; a tap
   * opens one. Without this script, or on wider screens, they stay open; they print open. */

  var PHONE = "(max-width: 44.9375em)";

  function foldNotesAboveFirstChecklist() {
    var first = document.querySelector(".md-content .checklist");
    if (!first || !window.matchMedia || !window.matchMedia(PHONE).matches) { return; }
    if (/[?&]h=/.test(location.search)) { return; } // opened from a search: its words may be in a note
    var target = null;
    try { target = document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (error) { /* keep null */ }
    var notes = Array.prototype.filter.call(first.parentNode.children, function (element) {
      return element.matches("div.admonition:not(.checklist)") && !(target && element.contains(target)) &&
        (element.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    notes.forEach(function (note) {
      var title = note.querySelector(":scope > .admonition-title");
      if (!title) { return; }
      if (hotlinesFirst(note, title)) { return; }
      var folded = document.createElement("details");
      folded.className = note.className + " guide-folded";
      var summary = document.createElement("summary");
      while (title.firstChild) { summary.appendChild(title.firstChild); }
      title.remove();
      folded.appendChild(summary);
      while (note.firstChild) { folded.appendChild(note.firstChild); }
      note.replaceWith(folded);
    });
  }

  // The scam warning opens with its line of hotlines: that line stays in sight (one tap calls),
  // and the rest of the warning opens from a button after it. Printed whole (guide.css).
  function hotlinesFirst(note, title) {
    var line = title.nextElementSibling;
    if (!line || line.tagName !== "P" || !line.querySelector("a[href^='tel:']") || !line.nextElementSibling) {
      return false;
    }
    var rest = document.createElement("div");
    rest.className = "guide-more-body";
    rest.id = "guide-more-" + document.querySelectorAll(".guide-more-body").length;
    rest.hidden = true;
    while (line.nextSibling) { rest.appendChild(line.nextSibling); }
    note.appendChild(rest);
    var more = document.createElement("button");
    more.type = "button";
    more.className = "guide-more";
    more.textContent = TEXT.more || "…";
    more.setAttribute("aria-expanded", "false");
    more.setAttribute("aria-controls", rest.id);
    more.addEventListener("click", function () {
      rest.hidden = !rest.hidden;
      more.setAttribute("aria-expanded", String(!rest.hidden));
    });
    line.appendChild(document.createTextNode(" "));
    line.appendChild(more);
    return true;
  }

  /* ---- Glossary terms: a tap, a click or Enter shows the editors' definition ----
   * Each defined term (<abbr title>, hooks/guide/markdown_ext.py) becomes a disclosure button:
   * focusable, named by the term, described by its definition. The definition opens in one
   * floating box next to the term (over the text, so nothing below it moves) and closes on a
   * second tap, Escape, or a tap anywhere else. Inside a checklist item, a tap on a term
   * shows its definition and does not tick the box. */

  var termTip = null; // the one floating box
  var termShown = null; // the term whose definition it shows

  function glossaryTerms() {
    var terms = document.querySelectorAll(".md-content abbr[title]");
    if (!terms.length) { return; }
    termTip = document.createElement("span");
    termTip.id = "guide-term-tip";
    termTip.className = "guide-term-tip";
    termTip.setAttribute("role", "tooltip");
    termTip.hidden = true;
    document.body.appendChild(termTip);
    Array.prototype.forEach.call(terms, function (term) {
      term.tabIndex = 0;
      term.setAttribute("role", "button");
      term.setAttribute("aria-expanded", "false");
      term.setAttribute("aria-controls", termTip.id);
      term.addEventListener("click", function (event) {
        event.preventDefault(); // in a label: no tick
        if (termShown === term) { hideTerm(); } else { showTerm(term); }
      });
      term.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") { return; }
        event.preventDefault();
        if (termShown === term) { hideTerm(); } else { showTerm(term); }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && termShown) {
        var term = termShown;
        hideTerm();
        term.focus();
      }
    });
    document.addEventListener("pointerdown", function (event) {
      if (termShown && !termShown.contains(event.target) && !termTip.contains(event.target)) { hideTerm(); }
    }, true);
    window.addEventListener("resize", function () { if (termShown) { place(termShown); } });
  }

  function showTerm(term) {
    hideTerm();
    // "Editors' definition: text" / "编者释义：text": the label in bold, then the text.
    var parts = /^([^:：]{1,40}[:：])\s*([\s\S]*)$/.exec(term.getAttribute("title")) || [null, "", term.getAttribute("title")];
    termTip.textContent = "";
    if (parts[1]) {
      var label = document.createElement("strong");
      label.textContent = parts[1];
      termTip.appendChild(label);
      termTip.appendChild(document.createTextNode(" "));
    }
    termTip.appendChild(document.createTextNode(parts[2]));
    termTip.hidden = false;
    termShown = term;
    term.setAttribute("aria-expanded", "true");
    term.setAttribute("aria-describedby", termTip.id);
    place(term);
  }

  function hideTerm() {
    if (!termShown) { return; }
    termTip.hidden = true;
    termShown.setAttribute("aria-expanded", "false");
    termShown.removeAttribute("aria-describedby");
    termShown = null;
  }

  // Under the term, inside the screen's width (the box is positioned on the page, not in the text).
  function place(term) {
    var rect = term.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(rect.left, width - termTip.offsetWidth - 8));
    termTip.style.left = (left + window.pageXOffset) + "px";
    termTip.style.top = (rect.bottom + window.pageYOffset + 4) + "px";
  }

  /* ---- Printing: open collapsed checklists and notes, print link URLs, the page URL and date ---- */

  var reopened = [];

  // On paper a link shows its address, decoded (Chinese anchors, not %E5%9B%9B…); a phone
  // number is its own address. The
  // worksheet is a form to fill in by hand: its one address is in the header, and the IDs
  // lead back to the steps, so its links print none.
  function printedAddress(url) {
    try { return decodeURI(url); } catch (error) { return url; } // a malformed %-sequence
  }

  function beforePrint() {
    document.querySelectorAll("details.checklist:not([open]), details.guide-folded:not([open])").forEach(function (details) {
      details.open = true;
      reopened.push(details);
    });
    var isWorksheet = Boolean(document.querySelector(".worksheet-table"));
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (isWorksheet || href.charAt(0) === "#" || /^tel:/i.test(href) || link.classList.contains("headerlink") ||
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
    var date = new Date().toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB");
    meta.textContent = printedAddress(location.href.split("#")[0]) + " · " +
      (TEXT.printed ? TEXT.printed + " " : "") + date;
  }

  function afterPrint() {
    reopened.forEach(function (details) { details.open = false; });
    reopened = [];
  }

  /* ---- The 404 page: in the language of the address asked for ----
   * GitHub Pages serves the one 404 page for every missing address; it says so in each
   * language (hooks/guide/html.py not_found_page). An address under the site's en/ folder
   * is an English reader's; any other, a Chinese reader's. */
  function notFoundInReadersLanguage() {
    var blocks = document.querySelectorAll("[data-not-found]");
    if (blocks.length < 2) { return; }
    var wanted = location.pathname.indexOf(siteFolder() + "en/") === 0 ? "en" : "zh";
    Array.prototype.forEach.call(blocks, function (block) { block.hidden = block.dataset.notFound !== wanted; });
    var shown = document.querySelector("[data-not-found='" + wanted + "'] h1");
    if (shown) { document.title = shown.textContent; }
  }

  /* ---- Offline: this language's pages kept by the site's service worker ----
   * site/sw.js (hooks/guide/sw.js, written by the build) keeps what every page needs when it
   * installs, and a language's pages and search index when a page of that language asks, once the
   * page has loaded (so it never slows the first visit). A new build's worker takes over at once
   * and asks again. A page the worker shows from its kept copy carries the line saying so (made
   * by the worker, with the words of hooks/guide/html.py SAVED_COPY). Not under `mkdocs serve`
   * (whose pages carry its live-reload script): a preview must show each edit. */
  function isPreview() {
    return Array.prototype.some.call(document.scripts, function (script) {
      return !script.src && /\blivereload\(\d+, *\d+\)/.test(script.textContent);
    });
  }

  function keepForOffline() {
    var workers = navigator.serviceWorker;
    if (!workers || isPreview()) { return; }
    var folder = siteFolder();
    var askToKeep = function () {
      workers.ready.then(function (registration) {
        if (registration.active) { registration.active.postMessage({ type: "keep", lang: lang }); }
      });
    };
    workers.register(folder + "sw.js", { scope: folder }).then(askToKeep, function () { /* no offline copy */ });
    workers.addEventListener("controllerchange", askToKeep);
  }

  /* ---- Start ---- */

  notFoundInReadersLanguage();
  foldNotesAboveFirstChecklist();
  glossaryTerms();
  toolbar();
  items.forEach(function (item) { boxOf(item).addEventListener("change", onToggle); });
  keepEarlyTicks();
  restore();
  openProgressLink();
  window.addEventListener("hashchange", openProgressLink); // a link pasted into an open page
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  window.addEventListener("storage", function (event) { if (event.key === KEY) { restore(); } });
  if (document.readyState === "complete") { keepForOffline(); } else { window.addEventListener("load", keepForOffline); }
})();
