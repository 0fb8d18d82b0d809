"""Grant decisions: matching decision lines to agreement projects, and their quality checks."""
