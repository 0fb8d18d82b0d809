-- Every agreement version a district-year has (withdrawn documents left out), with what changed
-- against the version before it: budget old -> new, projects added and removed (names joined
-- with '; ', NULL when none), signature date, arrival (first_seen_at, naive UTC), source file.
-- same_signature_date: another version carries the same signature date (the order between
-- them is only upload order, which a person should confirm); has_version_conflict: the
-- district-year's current version was chosen by the tie rule between versions still in the inbox
-- (stg_agreements; a same-day version whose file is gone or was rewritten is no conflict), the
-- review page's list of versions to settle; is_settled: a reviewer chose.
WITH projects AS (
    SELECT * FROM stg_agreement_version_projects
),
added AS (
    SELECT cur.sha256, string_agg(cur.project_name, '; ' ORDER BY cur.project_key) AS names, count(*) AS n
    FROM projects AS cur
    JOIN stg_agreements AS a ON a.sha256 = cur.sha256 AND a.version > 1
    WHERE NOT EXISTS (
        SELECT 1 FROM projects AS prev
        WHERE prev.district_ags = cur.district_ags AND prev.year = cur.year
          AND prev.version = cur.version - 1 AND prev.project_key = cur.project_key
    )
    GROUP BY cur.sha256
),
removed AS (
    SELECT a.sha256, string_agg(prev.project_name, '; ' ORDER BY prev.project_key) AS names, count(*) AS n
    FROM stg_agreements AS a
    JOIN projects AS prev
        ON prev.district_ags = a.district_ags AND prev.year = a.year AND prev.version = a.version - 1
    WHERE NOT EXISTS (
        SELECT 1 FROM projects AS cur
        WHERE cur.sha256 = a.sha256 AND cur.project_key = prev.project_key
    )
    GROUP BY a.sha256
)
SELECT
    a.district_ags,
    a.district_name,
    a.year,
    a.version,
    a.versions,
    a.is_current,
    prev.budget_total_eur::DECIMAL(14, 2) AS prev_version_budget_eur,
    a.budget_total_eur::DECIMAL(14, 2) AS budget_total_eur,
    (a.budget_total_eur - prev.budget_total_eur)::DECIMAL(14, 2) AS version_change_eur,
    coalesce(ad.n, 0)::INTEGER AS n_projects_added,
    ad.names AS projects_added,
    coalesce(rm.n, 0)::INTEGER AS n_projects_removed,
    rm.names AS projects_removed,
    a.signed_on,
    a.first_seen_at,
    count(*) OVER (PARTITION BY a.district_ags, a.year, a.signed_on) > 1 AS same_signature_date,
    a.has_version_conflict,
    a.sha256 AS source_sha256,
    a.source_name,
    a.budget_page AS source_page,
    a.budget_line AS source_line,
    a.settled_sha256 IS NOT NULL AS is_settled,
    a.review_note
FROM stg_agreements AS a
LEFT JOIN stg_agreements AS prev
    ON prev.district_ags = a.district_ags AND prev.year = a.year AND prev.version = a.version - 1
LEFT JOIN added AS ad ON ad.sha256 = a.sha256
LEFT JOIN removed AS rm ON rm.sha256 = a.sha256
ORDER BY a.year, a.district_ags, a.version
