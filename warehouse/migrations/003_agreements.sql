-- Parsed agreements (Zielvereinbarungen). One row per source document; the current version per
-- district and year is derived in staging (latest signature date, then latest first_seen_at).
CREATE TABLE IF NOT EXISTS agreements (
    sha256            VARCHAR PRIMARY KEY,
    district_ags      VARCHAR NOT NULL,
    year              INTEGER NOT NULL,
    budget_total_eur  DECIMAL(14, 2) NOT NULL,
    ministry          VARCHAR NOT NULL,
    ministry_short    VARCHAR,
    signed_on         DATE,                 -- latest signature date
    budget_page       INTEGER, budget_line INTEGER,
    district_page     INTEGER, district_line INTEGER
);
CREATE TABLE IF NOT EXISTS agreement_measures (
    sha256       VARCHAR NOT NULL,
    measure_type INTEGER NOT NULL,
    name         VARCHAR NOT NULL,
    amount_eur   DECIMAL(14, 2),
    listed       BOOLEAN NOT NULL,          -- false: the document does not name this type
    page INTEGER, line INTEGER,
    PRIMARY KEY (sha256, measure_type)
);
CREATE TABLE IF NOT EXISTS agreement_projects (
    sha256       VARCHAR NOT NULL,
    measure_type INTEGER NOT NULL,
    position     INTEGER NOT NULL,          -- order within the measure type, 1-based
    project_name VARCHAR NOT NULL,
    amount_eur   DECIMAL(14, 2),
    page INTEGER, line INTEGER,
    PRIMARY KEY (sha256, measure_type, position)
);
CREATE TABLE IF NOT EXISTS agreement_earmarks (
    sha256     VARCHAR NOT NULL,
    label      VARCHAR NOT NULL,
    amount_eur DECIMAL(14, 2),
    page INTEGER, line INTEGER
);
CREATE TABLE IF NOT EXISTS agreement_other_budgets (
    sha256     VARCHAR NOT NULL,
    label      VARCHAR NOT NULL,
    amount_eur DECIMAL(14, 2) NOT NULL,
    page INTEGER, line INTEGER
);
CREATE TABLE IF NOT EXISTS agreement_signatures (
    sha256    VARCHAR NOT NULL,
    party     VARCHAR NOT NULL,             -- 'ministry' | 'district'
    place     VARCHAR,
    signed_on DATE,
    signer    VARCHAR,
    role      VARCHAR,
    page INTEGER, line INTEGER
);
