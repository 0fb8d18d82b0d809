-- Reference data, loaded from pipelines/reference/data/*.csv on every ingest (full replace).
CREATE TABLE IF NOT EXISTS ref_districts (
    district_ags     VARCHAR PRIMARY KEY,   -- 5-digit Kreisschlüssel, text with leading zero
    official_name    VARCHAR NOT NULL,
    destatis_name    VARCHAR NOT NULL,
    district_type    VARCHAR NOT NULL,      -- 'Landkreis' | 'kreisfreie Stadt'
    regierungsbezirk VARCHAR NOT NULL,
    nuts3            VARCHAR NOT NULL,
    seat             VARCHAR NOT NULL,
    seat_confirmed   BOOLEAN NOT NULL,
    valid_from       DATE NOT NULL,
    valid_to         DATE
);
CREATE TABLE IF NOT EXISTS ref_district_population (
    district_ags   VARCHAR NOT NULL,
    population     BIGINT NOT NULL,
    reference_date DATE NOT NULL,
    source         VARCHAR NOT NULL,
    PRIMARY KEY (district_ags, reference_date)
);
CREATE TABLE IF NOT EXISTS ref_district_name_forms (
    district_ags     VARCHAR NOT NULL,
    name_form        VARCHAR NOT NULL,
    grammatical_case VARCHAR
);
CREATE TABLE IF NOT EXISTS ref_measure_types (
    measure_type  INTEGER PRIMARY KEY,
    name          VARCHAR NOT NULL,
    short_name_de VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS ref_measure_type_names (
    measure_type INTEGER NOT NULL,
    name_form    VARCHAR NOT NULL,
    period       VARCHAR
);
CREATE TABLE IF NOT EXISTS ref_ministries (
    valid_from    DATE NOT NULL,
    valid_to      DATE,
    name          VARCHAR NOT NULL,
    short_name    VARCHAR NOT NULL,
    minister      VARCHAR NOT NULL,
    minister_role VARCHAR NOT NULL,
    note          VARCHAR
);
CREATE TABLE IF NOT EXISTS ref_published_figures (
    scope        VARCHAR NOT NULL,          -- 'state' | 'district' | 'earmark_*'
    district_ags VARCHAR,
    year         INTEGER NOT NULL,
    amount_eur   DECIMAL(14, 2) NOT NULL,
    description  VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,
    confirmed    BOOLEAN NOT NULL
);
