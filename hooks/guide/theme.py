"""What the site trusts of its theme, pinned with the theme's version.

The Content-Security-Policy lets a page run only these inline scripts (by hash), never
whatever a page happens to contain; the build refuses a page with any other. When
Material is upgraded, ``tests/test_theme.py`` fails until each entry is checked
against the new version's templates and updated here.
"""

from __future__ import annotations

MATERIAL_VERSION = "9.8.1"  # the pin in pyproject.toml

# CSP source expression -> the template the script comes from (with Material's pinned version).
INLINE_SCRIPTS = {
    # Material's storage helpers, made safe without storage and the same on every page.
    "'sha256-j3uvXuw6y6PeWYgKlRYHM0XFo4vSarG1BHd1VgxwCkk='": "overrides/partials/javascripts/base.html",
    # Shows the "ticks won't be kept" notice before the page is drawn when storage is blocked.
    "'sha256-ScwazjEp9aHAbD/U8g9jRdN4cC9UnbrFtIQudeIqcOI='": "overrides/partials/javascripts/base.html",
    # Restores the reader's colour scheme before the page is drawn.
    "'sha256-DrEMJJ29sL7vIloQzly+VUGMxKcBTMII+OfW7Y8AkG4='": "material/templates/partials/javascripts/palette.html",
    # Opens the content tab a link points to.
    "'sha256-/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8='": "material/templates/partials/javascripts/content.html",
}

# Theme files the site overrides or depends on, by SHA-256 of the pinned version's file:
# if one changes, the override (or what depends on it) must be looked at again.
UPSTREAM_FILES = {
    # overridden by overrides/partials/javascripts/base.html
    "material/templates/partials/javascripts/base.html":
        "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
    # assets/guide.js wraps its requests and its search worker (what it relies on is listed there)
    "material/templates/assets/javascripts/bundle.a5f9d56c.min.js":
        "b9a1ef14b5e91ad61fa8d7dd42e1f55e6af0ebd224bc8970dff0e7d7311b172f",
}
