"""Inbox, raw document registry and parsed records."""
