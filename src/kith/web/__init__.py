"""The web app and JSON API (`kith serve`): an edge over the `Kith` facade.

Pages (`pages/`) and the API (`api/`) parse a request, call one facade method and render
the result, as a template or as JSON (`kith.serialize`). `security.py` guards every
request; `errors.py` is the one place failures become responses.
"""

from __future__ import annotations

from kith.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
