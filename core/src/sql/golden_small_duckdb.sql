-- Healthscore scorecard "Small" as SQL (duckdb), written by healthscore-core.
-- One row per account: name, each metric's sub-score (0-100) and points, score, band,
-- and the ids of the metrics whose value was missing. Same arithmetic as the app.
-- Cells are trimmed; a cell SQL cannot read counts as missing (its policy applies).
-- Read here: plain numbers (1234.5, -0.5e3, .5), thousands grouped by the other mark
-- (1,234,567.5), a decimal comma (12,5), a trailing % (80% is 80); 1.234 and 1,234 are
-- ambiguous and missing unless the card's data.formats names the column's decimal mark;
-- dates as YYYY-MM-DD; text values trimmed and case-insensitive, aliases included.
-- NOT read here, though the app reads them: currencies ($12k, 12,000 USD), k/M/bn
-- suffixes, (1,200) negatives, spaces or apostrophes grouping thousands (1 234,5),
-- the Unicode minus, "80 %" with a space, exponents beyond 4 digits, other date
-- formats (14/03/2026, Mar 14 2026, 2026-03-14T10:00), serial dates and durations
-- (10 days), and a decimal mark guessed from other cells of the column. Clean those
-- upstream or set data.formats; see docs/warehouse.md.
WITH
hs_spaces AS MATERIALIZED (
  SELECT chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(133) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) AS ws
),
cells AS MATERIALIZED (
  SELECT
    TRIM(CAST("account" AS VARCHAR), hs_spaces.ws) AS account,
    TRIM(CAST("Usage %" AS VARCHAR), hs_spaces.ws) AS c1,
    TRIM(CAST("Active" AS VARCHAR), hs_spaces.ws) AS c2,
    TRIM(CAST("Seats" AS VARCHAR), hs_spaces.ws) AS c3,
    TRIM(CAST("Trend" AS VARCHAR), hs_spaces.ws) AS c4
  FROM "accounts" CROSS JOIN hs_spaces
),
readings AS MATERIALIZED (
  SELECT *,
    CASE WHEN CASE WHEN regexp_full_match(c1, '^[+-]?(([0-9]+([.][0-9]+)?|[.][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([,][0-9]{3})+([.][0-9]+)?)%?$') THEN CASE WHEN regexp_full_match(c1, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') AND (c1 LIKE '%.%' OR c1 LIKE '%,%') THEN NULL ELSE TRY_CAST(replace(replace(c1, ',', ''), '%', '') AS DOUBLE) END WHEN regexp_full_match(c1, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') THEN TRY_CAST(replace(replace(replace(c1, '.', ''), ',', '.'), '%', '') AS DOUBLE) END BETWEEN CAST('-1.7976931348623157e308' AS DOUBLE) AND CAST('1.7976931348623157e308' AS DOUBLE) THEN CASE WHEN regexp_full_match(c1, '^[+-]?(([0-9]+([.][0-9]+)?|[.][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([,][0-9]{3})+([.][0-9]+)?)%?$') THEN CASE WHEN regexp_full_match(c1, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') AND (c1 LIKE '%.%' OR c1 LIKE '%,%') THEN NULL ELSE TRY_CAST(replace(replace(c1, ',', ''), '%', '') AS DOUBLE) END WHEN regexp_full_match(c1, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') THEN TRY_CAST(replace(replace(replace(c1, '.', ''), ',', '.'), '%', '') AS DOUBLE) END END AS v1,
    CASE WHEN (CASE WHEN CASE WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([.][0-9]+)?|[.][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([,][0-9]{3})+([.][0-9]+)?)%?$') THEN CASE WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') AND (c3 LIKE '%.%' OR c3 LIKE '%,%') THEN NULL ELSE TRY_CAST(replace(replace(c3, ',', ''), '%', '') AS DOUBLE) END WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') THEN TRY_CAST(replace(replace(replace(c3, '.', ''), ',', '.'), '%', '') AS DOUBLE) END BETWEEN CAST('-1.7976931348623157e308' AS DOUBLE) AND CAST('1.7976931348623157e308' AS DOUBLE) THEN CASE WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([.][0-9]+)?|[.][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([,][0-9]{3})+([.][0-9]+)?)%?$') THEN CASE WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') AND (c3 LIKE '%.%' OR c3 LIKE '%,%') THEN NULL ELSE TRY_CAST(replace(replace(c3, ',', ''), '%', '') AS DOUBLE) END WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') THEN TRY_CAST(replace(replace(replace(c3, '.', ''), ',', '.'), '%', '') AS DOUBLE) END END) = CAST(0 AS DOUBLE) THEN NULL ELSE (CASE WHEN CASE WHEN regexp_full_match(c2, '^[+-]?(([0-9]+([.][0-9]+)?|[.][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([,][0-9]{3})+([.][0-9]+)?)%?$') THEN CASE WHEN regexp_full_match(c2, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') AND (c2 LIKE '%.%' OR c2 LIKE '%,%') THEN NULL ELSE TRY_CAST(replace(replace(c2, ',', ''), '%', '') AS DOUBLE) END WHEN regexp_full_match(c2, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') THEN TRY_CAST(replace(replace(replace(c2, '.', ''), ',', '.'), '%', '') AS DOUBLE) END BETWEEN CAST('-1.7976931348623157e308' AS DOUBLE) AND CAST('1.7976931348623157e308' AS DOUBLE) THEN CASE WHEN regexp_full_match(c2, '^[+-]?(([0-9]+([.][0-9]+)?|[.][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([,][0-9]{3})+([.][0-9]+)?)%?$') THEN CASE WHEN regexp_full_match(c2, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') AND (c2 LIKE '%.%' OR c2 LIKE '%,%') THEN NULL ELSE TRY_CAST(replace(replace(c2, ',', ''), '%', '') AS DOUBLE) END WHEN regexp_full_match(c2, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') THEN TRY_CAST(replace(replace(replace(c2, '.', ''), ',', '.'), '%', '') AS DOUBLE) END END) / (CASE WHEN CASE WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([.][0-9]+)?|[.][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([,][0-9]{3})+([.][0-9]+)?)%?$') THEN CASE WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') AND (c3 LIKE '%.%' OR c3 LIKE '%,%') THEN NULL ELSE TRY_CAST(replace(replace(c3, ',', ''), '%', '') AS DOUBLE) END WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') THEN TRY_CAST(replace(replace(replace(c3, '.', ''), ',', '.'), '%', '') AS DOUBLE) END BETWEEN CAST('-1.7976931348623157e308' AS DOUBLE) AND CAST('1.7976931348623157e308' AS DOUBLE) THEN CASE WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([.][0-9]+)?|[.][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([,][0-9]{3})+([.][0-9]+)?)%?$') THEN CASE WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') AND (c3 LIKE '%.%' OR c3 LIKE '%,%') THEN NULL ELSE TRY_CAST(replace(replace(c3, ',', ''), '%', '') AS DOUBLE) END WHEN regexp_full_match(c3, '^[+-]?(([0-9]+([,][0-9]+)?|[,][0-9]+)([eE][+-]?0*[0-9]{1,4})?|[1-9][0-9]{0,2}([.][0-9]{3})+([,][0-9]+)?)%?$') THEN TRY_CAST(replace(replace(replace(c3, '.', ''), ',', '.'), '%', '') AS DOUBLE) END END) * CAST(100 AS DOUBLE) END AS v2,
    CAST(NULL AS DOUBLE) AS v3
  FROM cells
),
subs AS MATERIALIZED (
  SELECT account,
    CASE WHEN v1 IS NULL THEN NULL WHEN v1 >= CAST(75 AS DOUBLE) THEN CAST(100 AS DOUBLE) WHEN v1 >= CAST(40 AS DOUBLE) THEN CAST(60 AS DOUBLE) ELSE CAST(10 AS DOUBLE) END AS s1,
    CASE WHEN (v2 - CAST(20 AS DOUBLE)) / CAST(70 AS DOUBLE) < CAST(0 AS DOUBLE) THEN CAST(0 AS DOUBLE) WHEN (v2 - CAST(20 AS DOUBLE)) / CAST(70 AS DOUBLE) > CAST(1 AS DOUBLE) THEN CAST(1 AS DOUBLE) ELSE (v2 - CAST(20 AS DOUBLE)) / CAST(70 AS DOUBLE) END * CAST(100 AS DOUBLE) AS s2,
    CASE WHEN lower(c4) IN ('rising', 'up') THEN CAST(100 AS DOUBLE) WHEN lower(c4) IN ('flat') THEN CAST(50 AS DOUBLE) END AS s3
  FROM readings
),
imputed AS MATERIALIZED (
  SELECT account,
    s1, COALESCE(s1, CAST(0 AS DOUBLE)) AS u1,
    s2, COALESCE(s2, CAST(50 AS DOUBLE)) AS u2,
    s3, s3 AS u3
  FROM subs
),
weighted AS MATERIALIZED (
  SELECT *, CASE WHEN u1 IS NULL THEN CAST(0 AS DOUBLE) ELSE CAST(50 AS DOUBLE) END + CASE WHEN u2 IS NULL THEN CAST(0 AS DOUBLE) ELSE CAST(30 AS DOUBLE) END + CASE WHEN u3 IS NULL THEN CAST(0 AS DOUBLE) ELSE CAST(20 AS DOUBLE) END AS included
  FROM imputed
),
scaled AS MATERIALIZED (
  SELECT *, CASE WHEN included > CAST(0 AS DOUBLE) THEN CAST(100 AS DOUBLE) / included ELSE CAST(0 AS DOUBLE) END AS scale
  FROM weighted
),
pointed AS MATERIALIZED (
  SELECT *,
    CAST(50 AS DOUBLE) * scale / CAST(100 AS DOUBLE) * u1 AS p1,
    CAST(30 AS DOUBLE) * scale / CAST(100 AS DOUBLE) * u2 AS p2,
    CAST(20 AS DOUBLE) * scale / CAST(100 AS DOUBLE) * u3 AS p3
  FROM scaled
),
totalled AS MATERIALIZED (
  SELECT *, (COALESCE(p1, CAST(0 AS DOUBLE)) + COALESCE(p2, CAST(0 AS DOUBLE)) + COALESCE(p3, CAST(0 AS DOUBLE))) * CAST(1000000 AS DOUBLE) AS r
  FROM pointed
),
scored AS MATERIALIZED (
  SELECT *, CASE WHEN included > CAST(0 AS DOUBLE) THEN CASE WHEN r - FLOOR(r) = CAST('0.5' AS DOUBLE) THEN CASE WHEN FLOOR(r) - CAST(2 AS DOUBLE) * FLOOR(r / CAST(2 AS DOUBLE)) = CAST(0 AS DOUBLE) THEN FLOOR(r) ELSE FLOOR(r) + CAST(1 AS DOUBLE) END ELSE ROUND(r) END / CAST(1000000 AS DOUBLE) END AS score
  FROM totalled
)
SELECT
  account,
  u1 AS "usage_sub_score",
  p1 AS "usage_points",
  u2 AS "seats_sub_score",
  p2 AS "seats_points",
  u3 AS "trend_sub_score",
  p3 AS "trend_points",
  score,
  CASE WHEN score >= CAST(70 AS DOUBLE) THEN 'Green' WHEN score >= CAST(0 AS DOUBLE) THEN 'Red' END AS band,
  SUBSTR(CASE WHEN s1 IS NULL THEN '; usage' ELSE '' END || CASE WHEN s2 IS NULL THEN '; seats' ELSE '' END || CASE WHEN s3 IS NULL THEN '; trend' ELSE '' END, 3) AS missing
FROM scored
