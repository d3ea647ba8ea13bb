"""Dedupe: near-duplicate text and filing syndicated copies under one story."""
