"""The OpenAPI document is true: schemathesis generates requests from it and checks every answer."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from scorer.api import create_app

from scorer import Scorer

#: Examples per operation: enough to cover the schema's shapes, small enough to stay quick.
EXAMPLES_PER_OPERATION = 25

app = create_app({"SCORER_INSTANCE": Scorer.load()})
schema = schemathesis.openapi.from_wsgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_matches_its_openapi_document(case: schemathesis.Case) -> None:
    case.call_and_validate()
