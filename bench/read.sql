-- pgbench: the SELECT the service sends for GET /api/specialists/{email}/available-slots (AvailableSlotsStatement), with
-- the default range (today and 30 days on) and now() in place of its parameters.
\set k random(1, :specialists)
SELECT s.id, s.specialist_email, s.service_id, s.date, s.start_time, s.end_time, s.timezone, s.starts_at, s.ends_at,
       s.duration_minutes, s.total_capacity, s.total_capacity - s.booked_count
FROM slots AS s
WHERE s.specialist_email = 'bench-' || :k || '@example.com' AND s.status = 'active' AND s.starts_at > now()
  AND s.booked_count < s.total_capacity AND s.date >= current_date AND s.date <= current_date + 30
  AND (NULL::text IS NULL OR s.service_id = NULL::text OR s.service_id IS NULL)
  AND CASE WHEN (s.specialist_issuer, s.specialist_id) = (SELECT h.issuer, h.subject FROM specialists h WHERE h.email = 'bench-' || :k || '@example.com')
           THEN true ELSE false END
ORDER BY s.starts_at
LIMIT 101;
