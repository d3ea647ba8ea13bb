"""Drafting a site profile from sample pages (`scraper sites new`)."""
