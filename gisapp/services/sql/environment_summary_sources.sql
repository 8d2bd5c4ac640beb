-- Pollution sources of one commune by type: how many, how many whose latest sample exceeds, and how
-- many ever recorded an exceedance (and the latest date of one).
SELECT source_type,
       count(*) AS sources,
       count(*) FILTER (WHERE latest_sample_status = 'exceed') AS latest_exceeds,
       count(*) FILTER (WHERE last_exceedance_on IS NOT NULL) AS with_exceedance,
       max(last_exceedance_on) AS last_exceedance_on
FROM pollution_sources
WHERE commune_code = :commune_code
GROUP BY source_type
ORDER BY source_type
