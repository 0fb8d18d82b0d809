"""Publishing: copy validated marts and reference tables into an immutable snapshot file that the
dashboard and downloads open read-only, and point ``CURRENT`` at it atomically."""
