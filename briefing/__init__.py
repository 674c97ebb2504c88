"""Briefing: turn a folder of news articles into a cross-referenced briefing microsite."""

__version__ = "0.1.0"
