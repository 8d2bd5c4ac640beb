-- Accepted reports from one address hash in the window, and when the oldest of them leaves it.
SELECT count(*) AS accepted,
       ceil(extract(epoch FROM min(created_at) + make_interval(secs => :window_s) - now())) AS frees_in_s
FROM citizen_reports
WHERE address_hash = :address_hash
  AND created_at > now() - make_interval(secs => :window_s)
