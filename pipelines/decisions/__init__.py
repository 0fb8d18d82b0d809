"""Grant decisions (Zuwendungsbescheide): shared vocabulary of the decision parsers and the
as-of-date state derived from decision events (``pipelines.decisions.state``)."""
