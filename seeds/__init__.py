"""Seed data shipped with the scorer: lexicons and example articles (installed as `scorer.seeds`)."""
