-- pgbench: what the service's booking transaction does in the database, as plain SQL: lock the slot's
-- row, insert the booking, update the count. Slot number :lo..:hi from bench_slots (0 is the hot slot).
\set n random(:lo, :hi)
BEGIN;
SELECT * FROM slots WHERE id = (SELECT id FROM bench_slots WHERE n = :n) FOR UPDATE;
INSERT INTO bookings (id, slot_id, customer_id, customer_email, customer_name, booked_at)
  SELECT gen_random_uuid(), id, 'pgb-' || gen_random_uuid(), 'pgb@bench.example', 'pgbench', now() FROM bench_slots WHERE n = :n;
UPDATE slots SET booked_count = booked_count + 1, updated_at = now() WHERE id = (SELECT id FROM bench_slots WHERE n = :n);
END;
