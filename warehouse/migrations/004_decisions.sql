-- Grant decisions (Zuwendungsbescheide) of Regierungspräsidium Kassel, kept as events; the state
-- of a district-year as of any date is derived by applying them in decision_date order.
CREATE TABLE IF NOT EXISTS decisions (
    decision_id         VARCHAR NOT NULL,
    sha256              VARCHAR NOT NULL,    -- the source file (letter or tabular export)
    decision_type       VARCHAR NOT NULL,    -- 'first' | 'amendment' | 'final' | 'revocation'
    decision_date       DATE NOT NULL,
    district_ags        VARCHAR NOT NULL,
    year                INTEGER NOT NULL,
    total_eur           DECIMAL(14, 2) NOT NULL,
    refers_to           VARCHAR,
    used_total_eur      DECIMAL(14, 2),
    reclaimed_total_eur DECIMAL(14, 2),
    source_format       VARCHAR NOT NULL,    -- 'letter' | 'csv' | 'xlsx'
    page INTEGER, line INTEGER,
    PRIMARY KEY (decision_id, sha256)
);
CREATE TABLE IF NOT EXISTS decision_lines (
    decision_id   VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    line_number   INTEGER NOT NULL,
    project_name  VARCHAR NOT NULL,
    measure_type  INTEGER NOT NULL,
    provider      VARCHAR,
    amount_eur    DECIMAL(14, 2) NOT NULL,
    used_eur      DECIMAL(14, 2),
    reclaimed_eur DECIMAL(14, 2),
    page INTEGER, line INTEGER,             -- for tabular exports: page 1, line = row number
    PRIMARY KEY (decision_id, sha256, line_number)
);
