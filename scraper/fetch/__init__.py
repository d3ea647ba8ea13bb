"""Fetching: polite, bounded HTTP, the host rules around it (robots.txt, politeness,
--resolve) and decoding what comes back."""
