/* 借呗复通指南 · the service worker: every page of the reader's language readable offline after
 * one visit. No framework, no network but this site's own. The build writes it to site/sw.js
 * (hooks/guide/offline.py), filling in BUILD: the build's version, what every page needs
 * ("shared"), each language's pages and files, and the line a kept copy shows.
 *
 * - One build, one cache ("jiebei-guide:<scope>:<version>"); taking over, the worker deletes
 *   the caches of earlier builds.
 * - Pages: the network first, so a reader online gets today's text. The kept copy is shown when
 *   the network fails, or has not answered within PAGE_WAIT (a slow connection); the network's
 *   answer then still replaces the kept copy, for the next visit. A kept copy says so, with its date.
 * - Files named by their content (Material's hashed names, our ?v=): the kept copy first; a page
 *   always asks for its own build's files, so no page mixes two builds. Anything else: network first.
 * - Nothing of another origin, nothing but GET, and never the dev server's live reload.
 */
"use strict";

var BUILD = {};
var SCOPE = self.registration.scope;
var PREFIX = "jiebei-guide:" + new URL(SCOPE).pathname + ":";
var CACHE = PREFIX + BUILD.version;
// ms from the request: a page the network has not answered by then is shown from the kept copy
// (the network's answer still replaces it, for the next visit). Chromium's "Fast 3G" (0.56 s round
// trip) still gets today's page; on "Slow 3G" (2 s) the reader sees the kept copy in under a second.
var PAGE_WAIT = 600;
var SAVED_HEADER = "x-guide-saved"; // when a kept page was fetched (ISO date)
var IMMUTABLE = /(\.[0-9a-f]{8}\.min\.(js|css)$)|(\?v=[0-9a-f]{8}$)/;

function absolute(path) { return new URL(path, SCOPE).href; }

function languageOf(url) {
  var found = null;
  Object.keys(BUILD.languages).forEach(function (lang) {
    if (BUILD.languages[lang].pages.map(absolute).indexOf(url) >= 0) { found = lang; }
  });
  return found;
}

// A page's cache key: its URL without query or fragment (a search result adds "?h=…").
function pageKey(url) { return url.split(/[?#]/)[0]; }

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(BUILD.shared.map(absolute));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// A page asks for its language to be kept (assets/guide.js, once the page has loaded, and again
// when a new worker takes over): one round at a time per language, so nothing is fetched twice.
var keeping = {};
self.addEventListener("message", function (event) {
  var data = event.data || {};
  var lang = data.lang;
  if (data.type !== "keep" || !BUILD.languages[lang]) { return; }
  if (!keeping[lang]) {
    keeping[lang] = keepLanguage(lang).then(function () { delete keeping[lang]; }, function () { delete keeping[lang]; });
  }
  event.waitUntil(keeping[lang]);
});

// What is missing of a language, one file at a time (the reader's own requests come first).
function keepLanguage(lang) {
  var wanted = BUILD.languages[lang];
  var paths = wanted.files.concat(wanted.pages);
  return caches.open(CACHE).then(function (cache) {
    return paths.reduce(function (previous, path) {
      return previous.then(function (going) {
        if (!going) { return false; }
        var url = absolute(path);
        return cache.match(url).then(function (kept) {
          if (kept) { return true; }
          return fetch(url, { cache: "no-cache" }).then(function (response) {
            if (!response.ok) { return true; }
            return keep(cache, url, response, wanted.pages.map(absolute).indexOf(url) >= 0).then(function () { return true; });
          }, function () { return false; }); // offline: stop; the next page visited carries on
        });
      });
    }, Promise.resolve(true));
  });
}

function keep(cache, url, response, isPage) {
  if (!isPage) { return cache.put(url, response); }
  return response.blob().then(function (body) {
    var headers = new Headers({ "content-type": response.headers.get("content-type") || "text/html; charset=utf-8" });
    headers.set(SAVED_HEADER, new Date().toISOString());
    return cache.put(url, new Response(body, { status: 200, headers: headers }));
  });
}

// The kept copy of a page, with the line that says it is one, first in the article.
function shownAsKept(kept, lang) {
  var words = BUILD.words[lang] || BUILD.words[Object.keys(BUILD.words)[0]];
  var saved = new Date(kept.headers.get(SAVED_HEADER) || Date.now());
  var date = saved.toLocaleDateString(words.locale, { year: "numeric", month: "long", day: "numeric" });
  var line = '<p class="guide-saved" role="status" data-search-exclude>' +
    words.saved.replace("{date}", '<time datetime="' + saved.toISOString() + '">' + date + "</time>") + "</p>";
  return kept.text().then(function (html) {
    var start = /<article\b[^>]*>/.exec(html) || /<body\b[^>]*>/.exec(html);
    if (start) { html = html.slice(0, start.index + start[0].length) + line + html.slice(start.index + start[0].length); }
    return new Response(html, { status: 200, headers: { "content-type": "text/html; charset=utf-8" } });
  });
}

function page(event) {
  var deadline = Date.now() + PAGE_WAIT;
  var url = pageKey(event.request.url);
  var lang = languageOf(url);
  return caches.open(CACHE).then(function (cache) {
    var network = fetch(event.request).then(function (response) {
      if (response.ok && lang) { return keep(cache, url, response.clone(), true).then(function () { return response; }); }
      return response;
    });
    event.waitUntil(network.catch(function () {}));
    return cache.match(url).then(function (kept) {
      if (!kept) { return network; }
      return new Promise(function (resolve) {
        var answered = false;
        var answer = function (response) {
          if (!answered) { answered = true; resolve(response); }
        };
        var showKept = function () { if (!answered) { answer(shownAsKept(kept.clone(), lang)); } };
        var timer = setTimeout(showKept, Math.max(0, deadline - Date.now()));
        network.then(function (response) { clearTimeout(timer); answer(response); }, function () {
          clearTimeout(timer);
          showKept();
        });
      });
    });
  });
}

function keptFirst(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (kept) {
      return kept || fetch(request).then(function (response) {
        if (response.ok) { cache.put(request, response.clone()); }
        return response;
      });
    });
  });
}

function networkFirst(request) {
  return caches.open(CACHE).then(function (cache) {
    return fetch(request).then(function (response) {
      if (response.ok) {
        return cache.match(request).then(function (kept) { // refresh what is kept, keep nothing new
          return kept ? cache.put(request, response.clone()) : null;
        }).then(function () { return response; });
      }
      return response;
    }, function (error) {
      return cache.match(request, { ignoreSearch: true }).then(function (kept) {
        if (kept) { return kept; }
        throw error;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) { return; }
  if (new URL(request.url).pathname.indexOf("/livereload/") >= 0) { return; } // mkdocs serve
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (IMMUTABLE.test(request.url.split("#")[0])) {
    event.respondWith(keptFirst(request));
  } else {
    event.respondWith(networkFirst(request));
  }
});
