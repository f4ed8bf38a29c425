"""Connectors: one Connector protocol and one registry (see base.py)."""
