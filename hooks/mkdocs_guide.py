"""MkDocs adapter for the guide's own logic in ``hooks/guide`` (which never imports MkDocs).

One job per event:
- on_config: before MkDocs reads docs/ (it follows links and copies every file), refuse what docs/ may
  not hold and what mkdocs.yml may not load (guide.files, guide.configuration; allowlist.py); add the checklist/abbreviation Markdown extension; heading links titled in the
  build's language; the 404 page in the default language; quiet jieba and the i18n plugin unless asked (-v).
- on_pre_build: validate every checklist, the links between pages, the article's fidelity and the
  content's safety (hooks/guide/pipeline.py, as `make check`), and read the editors' cautions,
  once per build (not per language)
  (unsafe content is reported at the end, with the rendered pages' problems);
  report translations that fell behind their Chinese original (errors with GUIDE_STRICT_TRANSLATIONS=1).
- on_startup: note whether this is `mkdocs serve` (a preview gets no service worker).
- on_post_build (after the i18n plugin): publish the downloads (checklists.json and its JSON Schema,
  one CSV per language, datapackage.json), one search index per language (over the theme's), one web
  app manifest per language and, last, the service worker (sw.js, offline.py); then the gate: every
  file in site/ against the allowlist
  (guide.shipped); stop if anything failed (source, rendered pages or the gate).
- on_page_markdown: append the page language's abbreviations; fill in the worksheet; mark stale notes.
- on_page_content: check the rendered content's safety; hotline numbers become tel: links; the checklist toolbar; the home page's stage map gets each stage's item IDs;
  a stale translation's notice and marks.
- on_page_context: the page's search entries.
- on_post_page: absolute hreflang alternates, plus x-default; a named search dialog; the footer in the page's language;
  our assets' URLs with a hash of their content (?v=); the share tags, theme colour, manifest and icon (share.py);
  the theme's invalid markup made valid; a Content-Security-Policy; check the whole page
  (only the theme's scripts).
- on_post_template: the 404 page gets no alternates, a language menu to the home pages, and a body in
  each language with links to its home and stage pages.
- on_serve (`mkdocs serve` only): live reload allowed by each page's policy; a failed rebuild keeps
  the last good build on show with its problems in a banner, instead of holding every request.

The checks of rendered pages run in every build (build, serve, deploy); their problems are
collected over every page of every language and reported together at the end.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guide import export, html, offline, preview, rendered, search, share, shipped
from guide.configuration import check_config
from guide.files import check_docs, unreadable
from guide.pipeline import as_warning, run, stale, summary
from guide.markdown_ext import GuideExtension
from guide.model import LANGUAGES, Page, Problem
from guide.record import Stale, with_stale_note_class
from guide import allowlist
from guide.sources import Cautions, load_cautions, read_text, shown_path, snippet_paths
from guide.validate import in_order

log = logging.getLogger("mkdocs.hooks.guide")
STRICT_TRANSLATIONS = "GUIDE_STRICT_TRANSLATIONS"  # "1": a stale translation stops the build (deploy)
NOISE = ("jieba", "mkdocs.plugins.mkdocs_static_i18n")  # their INFO lines say nothing a contributor can act on

pages: list[Page] = []  # parsed in on_pre_build, used by the later events
stale_blocks: list[Stale] = []  # likewise: English blocks whose Chinese original changed
page_problems: list[Problem] = []  # found in rendered pages, reported in on_post_build
unsafe_source: list[Problem] = []  # found by the Markdown-level safety scan, reported with them
unsafe_content: set[str] = set()  # pages whose content failed: the whole page would repeat it
search_entries: dict[str, list[dict]] = {}  # per language, collected page by page
cautions: dict[str, Cautions] = {}  # per language, read in on_pre_build
_site_root: str = ""  # the first language's site_dir: the root of what ships
shipped_pages: dict[str, shipped.Origin] = {}  # site/ path -> its source, for the gate's messages
docs_sources: list[tuple[str, str]] = []  # every Markdown file of docs/ as the pipeline read it: the gate finds lines in them
page_sources: dict[str, list[tuple[str, str]]] = {}  # per page (src_uri): its sources, read in on_page_content
asset_versions: dict[str, str] = {}  # our own assets' content hashes, once per build (the ?v= of their URLs)
site_words: dict[str, tuple[str, str]] = {}  # per language: its site name and description (for its manifest)
serving = False  # `mkdocs serve`: no service worker (it would keep pages the preview is about to change)


def _is_first_language_build(config) -> bool:
    """mkdocs-static-i18n runs every later language inside the first build's on_post_build."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not getattr(i18n, "building", False)


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or LANGUAGES[0]


def _root(config) -> Path:
    return Path(config.config_file_path).parent if config.config_file_path else Path(config.docs_dir).parent


def _glossary(config) -> Path:
    lang = _language(config)
    suffix = "" if lang == LANGUAGES[0] else f".{lang}"
    return Path(config.docs_dir) / "includes" / f"abbreviations{suffix}.md"


def _sources(page, config) -> list[tuple[str, str]]:
    """The page's source and every file it takes in (snippets, abbreviations), to find lines in."""
    source = Path(page.file.abs_src_path)
    text = read_text(source)
    files = [source] + [Path(config.docs_dir) / name for name in snippet_paths(text)] + [_glossary(config)]
    return [(shown_path(path, _root(config)), read_text(path)) for path in files if path.is_file()]


def on_startup(command, dirty):
    global serving
    serving = command == "serve"


def _refuse(problems: list[Problem]) -> None:
    for problem in problems:
        log.error(str(problem))
    raise PluginError(summary(problems))


def on_config(config):
    # Before MkDocs reads docs/ (it follows links and copies every file): what docs/ holds and
    # what mkdocs.yml loads, against the allowlist.
    root = _root(config)
    config_file = Path(config.config_file_path) if config.config_file_path else None
    refused = check_config(config_file, shown_path(config_file, root)) if config_file else []
    in_docs = check_docs(Path(config.docs_dir), root)
    # A link or a device must never be read, and a configuration outside the allowlist not
    # used: stop now. What else docs/ holds wrongly is reported with every other problem, by the
    # pipeline in on_pre_build (before MkDocs reads or copies a file).
    if refused or unreadable(in_docs):
        _refuse(in_order(refused + in_docs))
    if not any(isinstance(ext, GuideExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(GuideExtension())
    # Python-Markdown's toc titles every heading's link "Permanent link", in every language.
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = html.PERMALINK_TITLE[_language(config)]
    # Likewise footnotes' links back to the text ("Jump back to footnote 1 in the text").
    config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = html.FOOTNOTE_BACKLINK_TITLE[_language(config)]
    # The site's one 404 page is written at the root, so it must come from the default
    # language's build; otherwise the last language built (English) overwrites it.
    if _language(config) == LANGUAGES[0]:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    verbose = logging.getLogger("mkdocs").getEffectiveLevel() <= logging.DEBUG
    for name in NOISE:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.WARNING)
    return config


def on_pre_build(config):
    if not _is_first_language_build(config):
        return
    docs_dir = Path(config.docs_dir)
    root = _root(config)
    page_problems.clear()
    shipped_pages.clear()
    global _site_root
    _site_root = config.site_dir
    unsafe_content.clear()
    unsafe_source.clear()
    started = time.perf_counter()
    checked = run(docs_dir, root)  # a broken link too: it stops the build, so serve's banner shows it
    parsed, problems = checked.pages, checked.problems
    loaded, unreadable = load_cautions(docs_dir, root)
    problems = in_order(set(problems) | set(unreadable))
    count = sum(len(page.checklists) for page in parsed)
    log.info(f"Checked {count} checklists on {len(parsed)} pages in {time.perf_counter() - started:.3f} s")
    behind = stale(docs_dir, parsed)
    strict = os.environ.get(STRICT_TRANSLATIONS) == "1"
    # Unsafe content does not stop the build here: the pages are built and checked too, so one
    # run reports every problem (at the end, with the rendered pages' own).
    unsafe = set(checked.unsafe)
    blocking = [problem for problem in problems if problem not in unsafe]
    if blocking or (strict and behind):
        for problem in problems + [found.problem for found in behind if strict]:
            log.error(str(problem))
        raise PluginError(summary(problems + [found.problem for found in behind if strict]))
    unsafe_source[:] = unsafe
    for problem in in_order(found.problem for found in behind):
        log.info(as_warning(problem))  # INFO, not WARNING: --strict must not block a Chinese fix
    pages[:] = parsed
    stale_blocks[:] = behind
    cautions.clear()
    cautions.update(loaded)
    docs_sources[:] = [(source.path, source.text) for source in checked.sources]
    page_sources.clear()
    asset_versions.clear()
    asset_versions.update(offline.asset_versions(docs_dir))
    search_entries.clear()


def on_page_markdown(markdown, page, config, files):
    lang = _language(config)
    glossary = _glossary(config)
    if page.meta.get("worksheet"):
        markdown += "\n\n" + export.worksheet_markdown(
            pages, lang, src_depth=page.file.src_uri.count("/"), url_depth=page.url.count("/"),
            cautions=cautions[lang])
    if glossary.is_file():
        markdown += "\n\n" + glossary.read_text(encoding="utf-8-sig")
    notes = {found.key for found in stale_blocks if found.src_uri == page.file.src_uri and found.kind == "note"}
    if notes:
        parsed = next(p for p in pages if p.src_uri == page.file.src_uri)
        markdown = with_stale_note_class(markdown, parsed, notes, html.STALE_CLASS)
    return markdown


def _rewrite(path: str, rewrite, text: str, *args) -> str:
    """A rewrite that finds nothing to change stops the build (at its end), naming the rewrite."""
    try:
        return rewrite(text, *args)
    except html.RewriteMissed as missed:
        page_problems.append(Problem(path, 0, str(missed)))
        return text


def on_page_content(html_text, page, config, files):
    lang = _language(config)
    path = shown_path(Path(page.file.abs_src_path), _root(config))
    page_sources[page.file.src_uri] = _sources(page, config)
    found = rendered.check_content(html_text, path, page_sources[page.file.src_uri])
    if found:
        unsafe_content.add(path)
        page_problems.extend(found)
    html_text = html.with_hotline_links(html_text)
    stage_ids = export.stage_item_ids(pages, lang)
    published_ids = [item_id for ids in stage_ids.values() for item_id in ids]
    html_text = _rewrite(path, html.with_toolbar, html_text, lang, published_ids)
    html_text = html.with_editors_badges(html_text, lang)
    html_text = html.with_stage_progress(html_text, stage_ids, lang)
    behind = [found for found in stale_blocks if found.src_uri == page.file.src_uri]
    if behind:
        key = next(p.key for p in pages if p.src_uri == page.file.src_uri)
        original = next(p for p in pages if p.key == key and p.lang == LANGUAGES[0])
        href = "../" * page.url.count("/") + export.page_url(original).lstrip("/")
        items = {found.key for found in behind if found.kind == "item"}
        html_text = html.with_stale_marks(html_text, lang, href, items)
    return html_text


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def on_post_build(config):
    """Once, in the site's root folder: stop if the content is unsafe; publish the exports and
    one search index per language."""
    if not _is_first_language_build(config):
        return
    problems: list[Problem] = []
    if unsafe_source or page_problems:
        # Where the Markdown-level scan named a line, the rendered check's message for it is a repeat.
        scanned = {(problem.path, problem.line) for problem in unsafe_source}
        problems = in_order(set(unsafe_source) | {p for p in page_problems if (p.path, p.line) not in scanned})
    site = Path(config.site_dir)
    if not problems:
        generated = export.downloads(pages, config.site_url or "/", cautions)
        for lang, entries in search_entries.items():  # over the theme's index of both languages
            generated[search.index_name(lang)] = search.index_json(lang, entries)
        for lang, (name, description) in site_words.items():
            generated[share.manifest_path(lang)] = share.manifest(lang, name, description)
        for name, content in generated.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(content, encoding="utf-8")
        if not serving:  # last: its version is a hash of every other file
            (site / offline.WORKER).write_text(offline.worker_script(offline.describe(site, search.index_name)),
                                               encoding="utf-8")
    # The gate: every file shipped, as a browser reads it, against the allowlist.
    started = time.perf_counter()
    gate = shipped.check_site(_shipped_site(config), _root(config))
    log.info(f"Checked {sum(1 for p in site.rglob('*') if p.is_file())} shipped files against the allowlist "
             f"in {time.perf_counter() - started:.3f} s")
    problems = in_order(set(problems) | set(gate))
    if problems:
        for problem in problems:
            log.error(str(problem))
        raise PluginError(f"{summary(problems, built=False)}; the build failed")


def _shipped_site(config) -> shipped.Site:
    docs_dir = Path(config.docs_dir)
    hosts = {urlsplit(url).hostname for url in (config.edit_uri, config.repo_url) if url and "//" in url}
    return shipped.Site(site_dir=Path(config.site_dir), site_url=config.site_url or "/", docs_dir=docs_dir,
                        theme_dirs=[Path(folder) for folder in config.theme.dirs],
                        link_hosts=frozenset(filter(None, hosts)) | allowlist.LINK_HOSTS,
                        pages=dict(shipped_pages), sources=tuple(docs_sources))


def on_page_context(context, page, config, nav):
    # The worksheet's tables repeat the stage pages word for word: only its title and
    # introduction are findable.
    boost = float((page.meta.get("search") or {}).get("boost", 1.0))
    entries = search.page_entries(page.url, page.title, page.content,
                                  preface_only=bool(page.meta.get("worksheet")), boost=boost)
    search_entries.setdefault(_language(config), []).extend(entries)
    return context


def on_post_page(output, page, config):
    path = shown_path(Path(page.file.abs_src_path), _root(config))
    if page.canonical_url:
        output = _rewrite(path, html.absolute_alternates, output, page.canonical_url)
    output = _rewrite(path, html.with_named_search_dialog, output, _language(config))
    output = _rewrite(path, html.with_footer_in_language, output, _language(config))
    output = _rewrite(path, html.without_invalid_theme_markup, output)
    output = _rewrite(path, html.with_content_security_policy, output)
    output = _rewrite(path, offline.with_versioned_assets, output, asset_versions)
    lang = _language(config)
    site_words[lang] = (config.site_name, config.site_description)
    if page.canonical_url:
        title = config.site_name if page.is_index and page.is_top_level else page.title
        tags = share.head_tags(lang=lang, title=title, description=page.meta.get("description") or config.site_description,
                               page_url=page.canonical_url, site_url=config.site_url, site_name=config.site_name,
                               up="../" * page.url.count("/"))
        output = _rewrite(path, share.with_head_tags, output, tags)
    if path not in unsafe_content:
        page_problems.extend(rendered.check_page(output, path))
    shipped_pages[_dest(page, config)] = shipped.Origin(path, tuple(page_sources[page.file.src_uri]))
    return output


def _dest(page, config) -> str:
    """The page's path in the site's root folder (the i18n plugin builds a language into its own)."""
    built = Path(config.site_dir) / page.file.dest_uri
    return built.relative_to(Path(_site_root)).as_posix() if _site_root else page.file.dest_uri


def on_post_template(output_content, template_name, config):
    name = f"{template_name} (a theme template)"
    if template_name == "404.html":
        site_path = urlsplit(config.site_url or "/").path or "/"
        output_content = _rewrite(name, html.not_found_page, output_content, site_path, _not_found_links(site_path))
    if template_name.endswith(".html"):
        output_content = _rewrite(name, html.with_named_search_dialog, output_content, _language(config))
        output_content = _rewrite(name, html.with_footer_in_language, output_content, _language(config))
        output_content = _rewrite(name, html.without_invalid_theme_markup, output_content)
        output_content = _rewrite(name, html.with_content_security_policy, output_content)
        output_content = _rewrite(name, offline.with_versioned_assets, output_content,
                                  offline.asset_versions(Path(config.docs_dir)))
        page_problems.extend(rendered.check_page(output_content, name))
    return output_content


def _not_found_links(site_path: str) -> dict[str, list[tuple[str, str]]]:
    """Per language: its home page and its stage pages, as (title, URL) for the 404 page."""
    return {lang: [(html.NOT_FOUND_WORDS[lang]["home"], site_path + ("" if lang == LANGUAGES[0] else f"{lang}/"))]
            + [(page.title, site_path + export.page_url(page).lstrip("/")) for page in export.stage_pages(pages, lang)]
            for lang in LANGUAGES}


class _Errors(logging.Handler):
    """The ERROR lines a build logs (each content problem, then MkDocs' own summary)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def on_serve(server, config, builder):
    # Wraps two members of MkDocs 1.6's LiveReloadServer; check they are there so a new MkDocs is noticed.
    if not (callable(getattr(server, "builder", None)) and callable(getattr(server, "_inject_js_into_html", None))):
        raise PluginError("hooks/mkdocs_guide.py on_serve: MkDocs' LiveReloadServer changed (builder, "
                          "_inject_js_into_html); update the dev-server preview for this MkDocs version")
    rebuild, inject, not_found = server.builder, server._inject_js_into_html, server.error_handler
    failed: list[str] = []  # the last rebuild's problems; empty while the site on show is current

    def build():
        errors = _Errors()
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            rebuild()
            failed.clear()
        except Exception as error:  # any failure: keep serving what was last built, and say why
            failed[:] = errors.messages or [f"{type(error).__name__}: {error}"]
            log.error("The pages served are the last good build, with these problems on top; fix them and save")
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)

    def served_page(content, epoch):
        page = preview.allow_appended_script(content, inject(content, epoch))
        return preview.with_problems(page, failed) if failed else page

    def error_page(code):
        return preview.problems_page(failed) if failed else not_found(code)

    server.builder, server._inject_js_into_html, server.error_handler = build, served_page, error_page
    return server
