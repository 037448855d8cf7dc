"""Test suite for the scorer."""
