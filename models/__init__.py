"""Trained model files and their model cards (installed as `scorer.models`)."""
