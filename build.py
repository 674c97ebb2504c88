#!/usr/bin/env python3
"""Briefing: `python build.py [build|serve|extract|check]` (see README.md)."""
import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())
