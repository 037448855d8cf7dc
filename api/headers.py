"""Response headers: CORS for the JSON endpoints and security headers for everything."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Request, Response

__all__ = ["SECURITY_HEADERS", "Cors", "add_security_headers"]

#: No inline script or style anywhere: scripts and styles come from /static only;
#: the page cannot be framed, and forms post only to this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}

#: Responses that may hold the text a client sent (the page, API results): never stored by a
#: browser or a shared cache. Scripts and styles under /static may be.
ECHOING_TYPES = frozenset({"text/html", "application/json"})

#: How long a browser may cache a preflight answer, in seconds.
PREFLIGHT_MAX_AGE = 600


def add_security_headers(response: Response) -> Response:
    """Set the security headers unless a view already chose its own."""
    # One pass over the few headers present: Werkzeug's `setdefault` looks
    # each name up by raising and catching an exception when it is absent,
    # which was a tenth of the time of a scored request outside the scorer.
    present = {name.lower() for name, _ in response.headers}
    response.headers.extend([(k, v) for k, v in SECURITY_HEADERS.items() if k.lower() not in present])
    if "cache-control" not in present and response.mimetype in ECHOING_TYPES:
        response.headers["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True)
class Cors:
    """Cross-origin access to the JSON API.

    The default (no origins) sends no CORS headers, so web pages on other
    origins cannot read responses; browser extensions with host permissions
    are not subject to CORS and need no entry. `*` lets any origin read the
    API; it never allows credentials (cookies), which the API does not use.
    """

    origins: tuple[str, ...]

    def allowed_origin(self, origin: str | None) -> str | None:
        """The value for Access-Control-Allow-Origin, or None to send no CORS headers."""
        if not origin or not self.origins:
            return None
        if "*" in self.origins:
            return "*"
        return origin if origin.rstrip("/") in self.origins else None

    def apply(self, request: Request, response: Response) -> Response:
        """Add CORS headers to `response` (and answer a preflight) when the origin is allowed."""
        if any(name.lower() == "vary" for name, _ in response.headers):
            response.vary.add("Origin")
        else:  # the usual case, without parsing a header set
            response.headers["Vary"] = "Origin"
        if not self.origins:
            return response
        allowed = self.allowed_origin(request.headers.get("Origin"))
        if allowed is None:
            return response
        response.headers["Access-Control-Allow-Origin"] = allowed
        response.headers["Access-Control-Expose-Headers"] = "Retry-After"
        if request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method"):
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
            response.headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        return response
