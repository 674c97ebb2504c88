"""Briefing: turn a folder of news articles into a cross-referenced briefing microsite."""
