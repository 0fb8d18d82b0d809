"""Inbox -> raw document registry -> parsed records in the warehouse.

``registry`` keeps every distinct file once (by sha256) with an immutable archived copy;
``loader`` parses what this parser version has not parsed yet and stores records and quarantine.
"""
