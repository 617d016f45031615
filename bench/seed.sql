-- Seeds :count specialists (bench-<first>@example.com ...), 100 future one-hour slots each (days 1..100,
-- 10:00-11:00 UTC, 1,000 seats) with each email their handle, straight in SQL, and numbers every slot in bench_slots
-- for pgbench.
INSERT INTO slots (id, specialist_issuer, specialist_id, specialist_email, service_id, date, start_time, end_time, timezone,
                   starts_at, ends_at, duration_minutes, total_capacity, booked_count, status, created_at, updated_at)
SELECT gen_random_uuid(), 'slots-local', 'bench-' || k, 'bench-' || k || '@example.com', NULL, d, time '10:00', time '11:00', 'UTC',
       (d + time '10:00') AT TIME ZONE 'UTC', (d + time '11:00') AT TIME ZONE 'UTC', 60, 1000, 0, 'active', now(), now()
FROM generate_series(:first, :first + :count - 1) AS k,
     generate_series(1, 100) AS i,
     LATERAL (SELECT current_date + i AS d) AS day;
INSERT INTO specialists (email, issuer, subject)
SELECT 'bench-' || k || '@example.com', 'slots-local', 'bench-' || k FROM generate_series(:first, :first + :count - 1) AS k
ON CONFLICT (email) DO NOTHING;

CREATE TABLE IF NOT EXISTS bench_slots (n integer PRIMARY KEY, id uuid NOT NULL);
INSERT INTO bench_slots (n, id)
SELECT coalesce((SELECT max(n) FROM bench_slots), 0) + row_number() OVER (ORDER BY id), id
FROM slots WHERE specialist_email LIKE 'bench-%' AND id NOT IN (SELECT id FROM bench_slots);
ANALYZE slots;
ANALYZE bench_slots;
