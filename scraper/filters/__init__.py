"""Which articles a command selects: --since/--until, --match and full-text queries."""
