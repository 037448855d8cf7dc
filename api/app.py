"""The application factory: `create_app(config=None)`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

from scorer import Scorer

from .config import ConfigError, Settings
from .errors import refuse_transfer_codings, register_error_handlers
from .guard import KeyChecker, RateLimiter
from .headers import Cors, add_security_headers
from .views_api import health, v1
from .views_web import web

__all__ = ["create_app"]

#: Form fields accepted by the web form (headline, body, and a little slack).
MAX_FORM_PARTS = 16


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: JSON API under `/v1`, health checks, and the editors' form at `/`.

    Settings come from the `SCORER_*` environment variables; pass `config` (a
    mapping of the same names) to use it instead of the environment, as the
    tests do. `config["SCORER_INSTANCE"]` may hold an already loaded `Scorer`.
    The model is loaded here, once: under `scorer serve` the app is built in
    the master process before the workers fork, so they share it.
    """
    values = dict(os.environ if config is None else config)
    settings = Settings.from_env(
        {k: str(v) for k, v in values.items() if k.startswith("SCORER_") and k != "SCORER_INSTANCE"}
    )
    scorer = values.get("SCORER_INSTANCE") or Scorer.load(settings.model_path)
    if not isinstance(scorer, Scorer):
        raise ConfigError("SCORER_INSTANCE must be a scorer.Scorer")

    app = Flask(__name__, static_folder=None)
    # Werkzeug answers /v1//score with a redirect to /v1/score and an HTML page
    # (routing redirects skip the error handlers); a path that is not an endpoint is a JSON 404.
    app.url_map.merge_slashes = False
    app.config.update(
        DEBUG=False,
        PROPAGATE_EXCEPTIONS=False,
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        MAX_FORM_MEMORY_SIZE=settings.max_request_bytes,
        MAX_FORM_PARTS=MAX_FORM_PARTS,
        SCORER_SETTINGS=settings,
    )
    if settings.trust_proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trust_proxy, x_proto=settings.trust_proxy)  # type: ignore[method-assign]
    app.extensions["scorer"] = scorer
    app.extensions["scorer.keys"] = KeyChecker(settings.api_keys)
    app.extensions["scorer.rate_limiter"] = RateLimiter(settings.rate_limit_per_minute)
    cors = Cors(settings.cors_origins)

    app.register_blueprint(v1)
    app.register_blueprint(health)
    if settings.web_form:
        app.register_blueprint(web)
    register_error_handlers(app)
    app.before_request(refuse_transfer_codings)

    @app.after_request
    def _headers(response: Response) -> Response:
        if request.blueprint != "web" and request.path != "/":
            cors.apply(request, response)
        return add_security_headers(response)

    return app
