"""The Flask app: JSON API and the editors' web form (installed as `scorer.api`).

>>> from scorer.api import create_app
>>> app = create_app()
"""

from __future__ import annotations

from .app import create_app
from .config import ConfigError, Settings

__all__ = ["ConfigError", "Settings", "create_app"]
