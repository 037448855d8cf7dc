"""Batch scoring of archives (streaming, parallel, resumable)."""
