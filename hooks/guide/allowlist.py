"""Everything the published site may hold: the one place to allow a new thing.

The build ships only what is listed here (``shipped`` checks every file in ``site/``, ``files``
every file in ``docs/``, ``configuration`` mkdocs.yml). Anything else fails the build with a
message naming the entry to add. Each entry says who produces it: the theme (Material, pinned
in pyproject.toml), our templates (``overrides/``), our Markdown extensions (mkdocs.yml and
``hooks/guide/markdown_ext.py``) or our hooks (``hooks/guide/html.py``, ``export``, ``search``).
Allow what a known producer makes, never a whole class of things.
"""

from __future__ import annotations

HERE = "hooks/guide/allowlist.py"

# ---- HTML: elements, and the attributes each may carry ----

# Any element may carry these (the theme's, toc's, attr_list's ids and classes; accessible names).
GLOBAL_ATTRIBUTES = frozenset({
    "class", "id", "title", "lang", "dir", "hidden", "role", "tabindex",
    "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-expanded", "aria-controls",
    "aria-live", "aria-current", "aria-haspopup", "aria-pressed", "aria-modal",
})

# element -> the attributes it may carry besides the global ones.
ELEMENTS: dict[str, frozenset[str]] = {name: frozenset(attributes) for name, attributes in {
    # The document and its head (Material's base.html, overrides/main.html, hooks/guide/html.py).
    "html": {"class"},
    "head": set(),
    "title": set(),
    "meta": {"charset", "name", "content", "http-equiv", "property"},
    "link": {"rel", "href", "hreflang", "type", "sizes"},
    "script": {"src", "type", "data-scope"},  # which scripts: SCRIPTS, INLINE_SCRIPTS below
    "style": set(),  # which styles: INLINE_STYLES below
    "noscript": set(),
    "body": {"data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"},
    # The theme's chrome (header, navigation, search, palette toggle, footer).
    "header": {"data-md-component"},
    "main": {"data-md-component"},
    "footer": set(),
    "nav": {"data-md-level"},
    "div": {"data-md-component", "data-md-scrollfix", "data-md-type", "data-search-exclude", "data-words",
            "data-ids", "data-mark",  # data-ids, data-mark: the checklist's per-build marker (issue #19)
            "data-not-found"},  # the 404 page's language blocks (issue #21; divs: an h1 in a section is no top level)
    "form": {"name", "data-md-component"},
    "input": {"type", "name", "data-md-toggle", "data-md-color-media", "data-md-color-scheme",
              "data-md-color-primary", "data-md-color-accent", "data-md-component", "placeholder",
              "autocapitalize", "autocorrect", "autocomplete", "spellcheck", "required", "accept", "checked",
              "disabled", "data-mark"},
    "label": {"for"},
    "button": {"type", "data-md-component", "data-action"},
    "svg": {"xmlns", "viewbox", "width", "height"},
    "path": {"d"},
    # What our Markdown extensions make of a page (Python-Markdown, pymdownx, markdown_ext.py).
    "article": set(),
    "section": set(),
    "p": {"data-search-exclude"},
    "span": {"data-search-exclude", "data-item", "data-mark"},
    "a": {"href", "hreflang", "rel", "target", "download", "data-md-component", "data-stage", "data-items"},
    "abbr": set(),
    "h1": set(), "h2": set(), "h3": set(), "h4": set(), "h5": set(), "h6": set(),
    "ul": {"data-md-scrollfix", "data-md-component", "data-mark"},
    "ol": {"start"},
    "li": {"data-item", "data-hash", "data-mark"},
    "dl": set(), "dt": set(), "dd": set(),
    "strong": set(), "em": set(), "b": set(), "i": set(), "ins": set(), "del": set(), "mark": set(),
    "sup": set(), "sub": set(), "small": set(), "br": set(), "hr": set(),
    "code": set(), "pre": set(), "kbd": set(), "blockquote": set(),
    "table": set(), "thead": set(), "tbody": set(), "tr": set(), "th": {"scope", "colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "details": {"open"}, "summary": set(),
    "img": {"src", "alt", "width", "height", "loading"},
}.items()}

# Attribute values that are one of a few words (attribute -> allowed values, per element where it matters).
VALUES: dict[tuple[str, str], frozenset[str]] = {key: frozenset(values) for key, values in {
    ("meta", "http-equiv"): {"content-security-policy"},  # hooks/guide/html.py; never "refresh"
    ("meta", "name"): {"viewport", "description", "generator", "twitter:card", "theme-color"},
    ("meta", "property"): {"og:title", "og:description", "og:type", "og:url", "og:image", "og:image:alt",
                           "og:image:type",
                           "og:image:width", "og:image:height", "og:locale", "og:locale:alternate", "og:site_name"},
    ("link", "rel"): {"canonical", "alternate", "prev", "next", "stylesheet", "icon", "manifest", "apple-touch-icon"},
    ("script", "type"): {"application/json"},  # Material's __config; nothing else runs but SCRIPTS
    ("input", "type"): {"checkbox", "radio", "text", "file"},
    ("button", "type"): {"button", "reset", "submit"},
    ("a", "rel"): {"edit", "noopener", "noreferrer", "nofollow"},
    ("a", "target"): {"_blank"},
    ("th", "style"): {"text-align: left;", "text-align: center;", "text-align: right;"},  # tables' alignment
    ("td", "style"): {"text-align: left;", "text-align: center;", "text-align: right;"},
}.items()}

# Attributes whose value is a URL (checked by URL rules below, never by VALUES).
URL_ATTRIBUTES = frozenset({"href", "src"})

# ---- URLs ----

# Schemes a link a reader follows may use (besides relative and same-origin URLs).
LINK_SCHEMES = frozenset({"mailto", "tel"})
# Hosts an https: link may point to, besides the site's own (site_url) and the edit link's
# (edit_uri), which come from mkdocs.yml. Add a host here only for a link the content needs.
LINK_HOSTS = frozenset({
    "squidfunk.github.io",  # the theme's footer credit, "Made with Material for MkDocs"
})
# data: URLs only as the favicon (mkdocs.yml theme.favicon), only images.
DATA_URL_ELEMENTS = frozenset({("link", "icon")})

# ---- What runs and what styles ----

# Script files a page may load, as paths in site/ (any other src fails).
SCRIPTS = {
    "assets/guide.js": "ours: overrides/main.html",
    "assets/javascripts/bundle.a5f9d56c.min.js": "Material 9.8.1's bundle (base.html)",
}
# Inline scripts are allowed by their hash in hooks/guide/theme.py (INLINE_SCRIPTS), which the
# Content-Security-Policy lists too; a JSON script only as Material's configuration.
JSON_SCRIPT_IDS = frozenset({"__config"})
# Stylesheets a page may link, as paths in site/.
STYLESHEETS = {
    "assets/stylesheets/main.57a0d79d.min.css": "Material 9.8.1 (base.html)",
    "assets/stylesheets/palette.fb2fffe2.min.css": "Material 9.8.1 (base.html)",
    "assets/guide.css": "ours: mkdocs.yml extra_css",
}
# Inline <style> elements, by their exact text.
INLINE_STYLES = {
    ".guide-js { display: none !important; }": "overrides/main.html (hidden without JavaScript)",
}

# ---- Files ----

# What docs/ may hold: any Markdown page or snippet, images by type, and our own CSS and JS by name.
DOC_SUFFIXES = frozenset({".md"})
IMAGE_SUFFIXES = {  # suffix -> how the file must start (an image of another kind is refused)
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".ico": (b"\x00\x00\x01\x00",),
    ".svg": (),  # checked as markup (files.check_svg)
}
DOC_FILES = frozenset({"assets/guide.css", "assets/guide.js"})

# Files the build generates (paths in site/) -> who writes them. The theme's own files are
# allowed when they are byte for byte the pinned theme's; copies of docs/ when they are the source's.
GENERATED = {
    "404.html": "Material's 404 template",
    "sitemap.xml": "MkDocs",
    "sitemap.xml.gz": "MkDocs",
    "search/search_index.json": "hooks/guide/search.py (Chinese)",
    "en/search/search_index.json": "hooks/guide/search.py (English)",
    "downloads/checklists.json": "hooks/guide/export.py",
    "downloads/checklists-zh.csv": "hooks/guide/export.py",
    "downloads/checklists-en.csv": "hooks/guide/export.py",
    # Planned (issue #21: offline, installable): listed so their helper's build passes.
    "sw.js": "the service worker (issue #21)",
    "manifest.webmanifest": "the web app manifest, Chinese (issue #21)",
    "en/manifest.webmanifest": "the web app manifest, English (issue #21)",
    "favicon.ico": "the favicon (issue #21)",
    "datapackage.json": "the data package of the downloads",
    "checklists.schema.json": "the schema of checklists.json",
    "downloads/checklists.schema.json": "hooks/guide/export.py: the schema of checklists.json (issue #20)",
}

# ---- mkdocs.yml: what the site may load ----

CONFIGURATION = {
    "extra_javascript": frozenset(),  # our one script is loaded by overrides/main.html
    "extra_css": frozenset({"assets/guide.css"}),
    "hooks": frozenset({"hooks/mkdocs_guide.py"}),
    "plugins": frozenset({"search", "privacy", "i18n"}),
    "markdown_extensions": frozenset({
        "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
        "pymdownx.caret", "pymdownx.details", "pymdownx.superfences", "pymdownx.snippets", "pymdownx.tasklist",
    }),
    "theme.name": frozenset({"material"}),
    "theme.custom_dir": frozenset({"overrides"}),
    "extra_templates": frozenset(),  # Jinja templates from docs/ would run at build time
    "docs_dir": frozenset({"docs"}),
}
# Options that decide what a build may read: exactly these values.
PINNED_OPTIONS = {
    ("pymdownx.snippets", "base_path"): ["docs"],
    ("pymdownx.snippets", "check_paths"): True,
}
# YAML tags mkdocs.yml may use (MkDocs' loader would run any Python named by a python/ tag).
YAML_TAGS = frozenset({"!ENV", "tag:yaml.org,2002:python/object/apply:pymdownx.slugs.slugify"})
