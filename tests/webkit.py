"""Drives WebKitGTK (the engine of Safari) for tests/test_webkit.py; run by Debian's python3, which
has the GObject bindings: /usr/bin/python3 tests/webkit.py URL PAGE… (under xvfb-run).

Opens URL, waits until the service worker has kept every PAGE (absolute URLs), ticks the first
item, prints "kept" and waits for a line on stdin (the test takes the site offline meanwhile);
then opens every PAGE and URL again and prints one JSON line: what each page showed."""

import json
import sys

import gi

gi.require_version("WebKit2", "4.1")
gi.require_version("Gtk", "3.0")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

url, pages = sys.argv[1], sys.argv[2:]
view = WebKit2.WebView()
window = Gtk.Window()
window.set_default_size(360, 800)
window.add(view)
window.show_all()
steps, report = [], {"pages": {}}


def run(script, then):
    def done(source, result):
        try:
            value = source.evaluate_javascript_finish(result)
            then(json.loads(value.to_string()) if value and not value.is_undefined() else None)
        except GLib.Error as error:
            then({"error": error.message})
    view.evaluate_javascript(script, -1, None, None, None, done)


def open_then(address, then):
    def changed(source, event):
        if event == WebKit2.LoadEvent.FINISHED:
            view.disconnect(handler)
            GLib.timeout_add(300, lambda: then() and False)
    handler = view.connect("load-changed", changed)
    view.load_uri(address)


SHOWN = ("JSON.stringify({h1: (document.querySelector('h1') || {}).textContent || '', "
         "saved: (document.querySelector('.guide-saved') || {}).textContent || '', "
         "ticked: [...document.querySelectorAll('input.checklist-box:checked')].map(b => b.id), "
         "controlled: Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)})")
KEPT = ("caches.keys().then(names => Promise.all(names.map(n => caches.open(n).then(c => c.keys()))))"
        ".then(lists => JSON.stringify([].concat(...lists).map(r => r.url)))")


def wait_until_kept(tries=60):
    # evaluate_javascript does not wait for a promise: the page keeps the answer for the next look.
    run(f"{KEPT}.then(found => window.__kept = found); JSON.stringify(window.__kept || '[]')", lambda found: (
        tick() if set(pages) <= set(json.loads(found or "[]")) else
        (GLib.timeout_add(500, lambda: wait_until_kept(tries - 1) and False) if tries else finish("never kept"))))


def tick():
    run("document.querySelector('input.checklist-box').click(); JSON.stringify(document.querySelector('input.checklist-box').id)",
        lambda box: (report.__setitem__("ticked", box), print("kept", flush=True),
                     GLib.io_add_watch(sys.stdin, GLib.IO_IN, lambda *a: (sys.stdin.readline(), offline(list(pages) + [url]))[1] and False)))


def offline(left):
    if not left:
        return finish(None)
    address = left.pop(0)
    open_then(address, lambda: run(SHOWN, lambda shown: (report["pages"].__setitem__(address, shown), offline(left))))
    return True


def finish(problem):
    report["problem"] = problem
    print(json.dumps(report, ensure_ascii=False), flush=True)
    Gtk.main_quit()


open_then(url, lambda: GLib.timeout_add(1000, lambda: wait_until_kept() and False))
GLib.timeout_add_seconds(120, lambda: finish("timed out"))
Gtk.main()
