"""The analysts' web page (static HTML, CSS and JS in this folder) and the country shapes its map draws."""

from __future__ import annotations

from starlette.staticfiles import StaticFiles

ASSET_SUFFIXES = (".html", ".css", ".js", ".svg", ".png", ".ico")
"""What ``/static/`` serves from this folder: the page's assets, never its Python files."""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
"""No inline script, no script or frame from elsewhere: text from an article can never run."""

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class WebAssets(StaticFiles):
    """The page's static files; anything else in the folder is a 404."""

    def lookup_path(self, path: str):
        if not path.lower().endswith(ASSET_SUFFIXES):
            return "", None  # not found
        return super().lookup_path(path)
