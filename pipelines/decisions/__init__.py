"""Grant decisions (Zuwendungsbescheide): the shared vocabulary of the decision parsers. The
as-of-date state derived from decision events is computed in SQL
(``warehouse/models/staging/stg_decision_state.sql``)."""
