-- The hot slot: one slot every booking of the hot scenario goes to, numbered 0 in bench_slots. A real slot
-- holds at most 1,000 seats, which a run fills in under a second; this bench-only database lifts that
-- check so the one slot can take every booking of the run.
ALTER TABLE slots DROP CONSTRAINT IF EXISTS ck_slots_total_capacity;
INSERT INTO slots (id, specialist_issuer, specialist_id, specialist_email, service_id, date, start_time, end_time, timezone,
                   starts_at, ends_at, duration_minutes, total_capacity, booked_count, status, created_at, updated_at)
VALUES (gen_random_uuid(), 'slots-local', 'hot', 'hot@example.com', NULL, current_date + 1, time '10:00', time '11:00', 'UTC',
        (current_date + 1 + time '10:00') AT TIME ZONE 'UTC', (current_date + 1 + time '11:00') AT TIME ZONE 'UTC',
        60, 100000000, 0, 'active', now(), now());
INSERT INTO bench_slots (n, id) SELECT 0, id FROM slots WHERE specialist_email = 'hot@example.com';
