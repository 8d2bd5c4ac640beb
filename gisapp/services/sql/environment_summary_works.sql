-- Water-supply works of one commune by the verdict of their latest test, with the households they serve.
SELECT latest_test_status AS status,
       count(*) AS works,
       coalesce(sum(households_served), 0) AS households,
       count(*) FILTER (WHERE households_served IS NULL) AS households_unknown
FROM water_works
WHERE commune_code = :commune_code
GROUP BY latest_test_status
