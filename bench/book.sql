-- pgbench: what the service's booking transaction does in the database, as plain SQL: lock the slot's
-- row, insert the booking, update the count and the version, write the event to the outbox (a payload of the
-- size the API writes). Slot number :lo..:hi from bench_slots (0 is the hot slot). The event's type is one no webhook
-- subscription names, so the API (which runs the dispatcher) does not deliver pgbench's events.
\set n random(:lo, :hi)
BEGIN;
SELECT * FROM slots WHERE id = (SELECT id FROM bench_slots WHERE n = :n) FOR UPDATE;
INSERT INTO bookings (id, slot_id, customer_id, customer_email, customer_name, booked_at, cancellable_until, reschedulable_until)
  SELECT gen_random_uuid(), id, 'pgb-' || gen_random_uuid(), 'pgb@bench.example', 'pgbench', now(), now(), now() FROM bench_slots WHERE n = :n;
UPDATE slots SET booked_count = booked_count + 1, updated_at = now(), version = version + 1 WHERE id = (SELECT id FROM bench_slots WHERE n = :n);
INSERT INTO events (id, type, subject, time, data)
  SELECT gen_random_uuid(), 'bench.booking.created', id, now(),
         '{"booking":{"bookingId":"01a227ee-da2d-7e9c-855c-9f647156bb5f","customerId":"pgb-0000000000000000000000000000000000000","bookedAt":"2026-11-29T15:31:34.573546Z","cancelledAt": null},"slot":{"id":"01a227ee-da2d-7e9c-855c-9f647156bb5e","specialistId":"bench-specialist-0000","specialistEmail":"bench-0000@example.com","serviceId": null,"date":"2026-11-30","startTime":"10:00","endTime":"11:00","timezone":"UTC","startsAt":"2026-11-30T10:00:00Z","endsAt":"2026-11-30T11:00:00Z","duration":60,"totalCapacity":3,"bookedCount":1,"status":"active","updatedAt":"2026-11-29T15:31:34.573546Z","version":2}}'
  FROM bench_slots WHERE n = :n;
END;
