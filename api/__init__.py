"""The Flask app: JSON API and the editors' web form (installed as `scorer.api`)."""
