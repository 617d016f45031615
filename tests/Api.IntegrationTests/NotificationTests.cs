using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Application.Common;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The mail after the click, read back raw from a real SMTP server as a mail client would: a booking mails the customer a
/// confirmation and the specialist a notice, each with the booking's invite (<c>METHOD:REQUEST</c>, its UID, SEQUENCE 0,
/// the start in UTC); a cancellation mails both <c>METHOD:CANCEL</c> under the same UID with a higher SEQUENCE; a mail
/// server that is down delays the mail, never a booking, and every message then arrives once.
/// </summary>
[Collection(ApiCollection.Name)]
public class NotificationTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task A_booking_on_either_side_of_a_clock_change_mails_both_sides_an_invite_at_its_utc_start()
    {
        var change = NextClockChange();
        foreach (var date in new[] { change.AddDays(-2), change.AddDays(2) })
        {
            var specialist = NewSpecialist();
            var slot = await CreateBerlinSlotAsync(specialist, date);
            var customer = $"mail-{Guid.NewGuid():N}";
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot.Id, customer)).StatusCode);
            var booking = await BookingIdAsync(slot.Id, customer);

            var mails = await MailsToAsync(2, $"{customer}@customers.example", specialist);

            var expectedStart = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(10, 0)), Berlin);
            Assert.Equal(expectedStart, slot.StartsAt);
            foreach (var mail in mails)
            {
                var invite = Invite(mail, "REQUEST");
                var session = Assert.Single(invite.Events);
                Assert.Equal($"booking-{booking}@consulting-slots.invalid", session.Uid);
                Assert.Equal(0, session.Sequence);
                Assert.Equal(expectedStart, session.DtStart!.AsUtc);
                Assert.Equal(expectedStart.AddHours(1), session.DtEnd!.AsUtc);
                Assert.Equal($"mailto:{specialist}", session.Organizer!.Value!.ToString());
                Assert.Equal($"mailto:{customer}@customers.example", Assert.Single(session.Attendees).Value!.ToString());
                Assert.Contains($"{date.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture)}, 10:00–11:00 (Europe/Berlin)", mail.TextBody, StringComparison.Ordinal);
                Assert.Contains(booking.ToString(), mail.TextBody, StringComparison.Ordinal);
            }

            Assert.StartsWith("Booked: ", mails.Single(m => m.To.Mailboxes.Single().Address != specialist).Subject, StringComparison.Ordinal);
            Assert.StartsWith("New booking: ", mails.Single(m => m.To.Mailboxes.Single().Address == specialist).Subject, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_cancellation_mails_both_sides_a_cancel_of_the_same_invite_with_a_higher_sequence()
    {
        var specialist = NewSpecialist();
        var slot = await CreateBerlinSlotAsync(specialist, DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(3));
        var customer = $"mail-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot.Id, customer)).StatusCode);
        var booking = await BookingIdAsync(slot.Id, customer);
        await MailsToAsync(2, $"{customer}@customers.example", specialist);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot.Id}/book/{customer}")).StatusCode);

        var cancels = (await MailsToAsync(4, $"{customer}@customers.example", specialist)).Where(m => m.Subject!.StartsWith("Cancelled", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, cancels.Count);
        foreach (var mail in cancels)
        {
            var session = Assert.Single(Invite(mail, "CANCEL").Events);
            Assert.Equal($"booking-{booking}@consulting-slots.invalid", session.Uid);
            Assert.Equal(1, session.Sequence);
            Assert.Equal("CANCELLED", session.Status);
            Assert.Equal(slot.StartsAt, session.DtStart!.AsUtc);
        }
    }

    /// <summary>
    /// A specialist cancels a booking and deletes the slot at once: the slot takes its bookings with it, and the
    /// cancellation is mailed from what the notification kept of the booking.
    /// </summary>
    /// <summary>
    /// A reminder setting that is not a duration stops the process as it starts: read at the first booking, it failed every
    /// booking and cancellation instead, with a 500.
    /// </summary>
    [Fact]
    public void A_reminder_setting_that_is_not_a_duration_stops_the_start()
    {
        using var broken = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:Mail:Reminders", "1.00:00:00,soon"));

        var error = Record.Exception(() => broken.CreateClient());

        Assert.NotNull(error);
        Assert.Contains(
            "Slots:Mail:Reminders: 'soon' is not a duration",
            string.Join(" | ", Chain(error).Select(e => e.Message)),
            StringComparison.Ordinal);
        static IEnumerable<Exception> Chain(Exception? e)
        {
            for (; e is not null; e = e.InnerException)
            {
                yield return e;
            }
        }
    }

    /// <summary>
    /// While the process serves more requests than it has cores, the notifier gives way to them: a booking made then is not
    /// even read into notifications, and is mailed once the load eases (the tests' notifier waits 10 minutes between
    /// rounds while busy, so the wait seen here is the load's, not the pace's).
    /// </summary>
    [Fact]
    public async Task While_the_process_is_busy_the_notifier_gives_way_and_mails_once_the_load_eases()
    {
        var load = Factory.Services.GetRequiredService<RequestLoad>();
        var specialist = NewSpecialist();
        var slot = await CreateBerlinSlotAsync(specialist, DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(6));
        var customer = $"mail-{Guid.NewGuid():N}";
        var busy = Environment.ProcessorCount + 1;
        for (var i = 0; i < busy; i++)
        {
            load.Enter();
        }

        try
        {
            Assert.True(load.Busy);
            await Task.Delay(TimeSpan.FromSeconds(1)); // a round under way when the load rose has read its events by now
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot.Id, customer)).StatusCode);
            var booking = await BookingIdAsync(slot.Id, customer);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // fifteen of an idle notifier's polls
            Assert.Equal(0L, await Factory.ScalarAsync<long>(
                "SELECT count(*) FROM notifications WHERE booking_id = $1 AND kind = 'booked'", booking));
            Assert.DoesNotContain(Factory.Mail.Messages, m => Recipient(m) == $"{customer}@customers.example");
        }
        finally
        {
            for (var i = 0; i < busy; i++)
            {
                load.Leave();
            }
        }

        Assert.Equal(2, (await MailsToAsync(2, $"{customer}@customers.example", specialist)).Count);
    }

    /// <summary>
    /// A cancellation writes its notices in its own transaction, each with a copy of the booking, so they are mailed though
    /// the slot (and the booking with it) is deleted at once, before the notifier has read a single event.
    /// </summary>
    [Fact]
    public async Task A_cancellation_is_mailed_though_the_slot_is_deleted_right_after()
    {
        var specialist = NewSpecialist();
        var slot = await CreateBerlinSlotAsync(specialist, DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(5));
        var customer = $"mail-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot.Id, customer)).StatusCode);
        var booking = await BookingIdAsync(slot.Id, customer);
        await MailsToAsync(2, $"{customer}@customers.example", specialist);
        await Factory.Mail.StopAsync(); // so that the cancellations wait, and the slot is gone before they are sent
        try
        {
            // The notifier's fan-out kept out (its cursor held): the notices come with the cancellation's own transaction,
            // each with its copy of the booking, and the slot goes at once.
            await using (var fanOut = new NpgsqlConnection(Factory.ConnectionString))
            {
                await fanOut.OpenAsync();
                await using var held = await fanOut.BeginTransactionAsync();
                await using (var hold = new NpgsqlCommand("SELECT 1 FROM notification_fanout WHERE id = 1 FOR UPDATE", fanOut, held))
                {
                    await hold.ExecuteScalarAsync();
                }

                Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot.Id}/book/{customer}")).StatusCode);
                Assert.Equal(2L, await Factory.ScalarAsync<long>(
                    "SELECT count(*) FROM notifications WHERE booking_id = $1 AND kind = 'cancelled' AND snapshot IS NOT NULL", booking));
                Assert.Equal(2L, await Factory.ScalarAsync<long>(
                    "SELECT count(*) FROM notifications WHERE booking_id = $1 AND kind = 'reminder' AND status = 'skipped'", booking));
                Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot.Id}")).StatusCode);
                Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE id = $1", booking));
            }
        }
        finally
        {
            await Factory.Mail.StartAsync();
        }

        var cancels = (await MailsToAsync(4, $"{customer}@customers.example", specialist))
            .Where(m => m.Subject!.StartsWith("Cancelled", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, cancels.Count);
        Assert.All(cancels, mail =>
        {
            var session = Assert.Single(Invite(mail, "CANCEL").Events);
            Assert.Equal($"booking-{booking}@consulting-slots.invalid", session.Uid);
            Assert.Equal(1, session.Sequence);
            Assert.Equal(slot.StartsAt, session.DtStart!.AsUtc);
        });
    }

    [Fact]
    public async Task Moving_a_slot_mails_each_booked_customer_an_update_of_the_same_invite_at_the_new_time()
    {
        var specialist = NewSpecialist();
        var date = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(4);
        var slot = await CreateBerlinSlotAsync(specialist, date);
        var (stays, leaves) = ($"mail-{Guid.NewGuid():N}", $"mail-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot.Id, stays)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot.Id, leaves)).StatusCode);
        await MailsToAsync(2, $"{stays}@customers.example", $"{leaves}@customers.example"); // both confirmed
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot.Id}/book/{leaves}")).StatusCode);
        await MailsToAsync(3, $"{stays}@customers.example", $"{leaves}@customers.example"); // and one cancelled
        var booking = await BookingIdAsync(slot.Id, stays);

        var moved = await Client.PutAsJsonAsync($"{Base}/{slot.Id}", new { startTime = "14:30", endTime = "15:30" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        // Its reminders moved with it, in the change's own transaction: a day and an hour before the new start.
        var newStart = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(14, 30)), Berlin);
        Assert.Equal([newStart.AddDays(-1), newStart.AddHours(-1)], await RemindersAsync(booking));

        var update = Assert.Single(
            await Factory.Mail.WaitForAsync(all => all.Any(m => IsMove(m, stays)), Patience, "the update"), m => IsMove(m, stays));
        var session = Assert.Single(Invite(update, "REQUEST").Events);
        Assert.Equal($"booking-{booking}@consulting-slots.invalid", session.Uid);
        Assert.Equal(1, session.Sequence);
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(14, 30)), Berlin), session.DtStart!.AsUtc);
        Assert.Contains("14:30–15:30 (Europe/Berlin)", update.TextBody, StringComparison.Ordinal);
        // The customer who had left, and the specialist who moved it, get no update.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(Factory.Mail.Messages, m => IsMove(m, leaves) || (m.Subject!.StartsWith("Moved: ", StringComparison.Ordinal) && Recipient(m) == specialist));
        // The event says where the slot was: webhook and feed consumers see the move too.
        var data = System.Text.Json.JsonDocument.Parse(await Factory.ScalarAsync<string>(
            "SELECT data::text FROM events WHERE subject = $1 AND type = 'slots.slot.changed'", slot.Id)).RootElement;
        Assert.Equal(slot.StartsAt, data.GetProperty("movedFrom").GetProperty("startsAt").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task Moving_a_booking_mails_both_sides_an_update_of_the_same_invite_and_its_reminders_follow_it()
    {
        var specialist = NewSpecialist();
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
        var (from, to) = (await CreateBerlinSlotAsync(specialist, today.AddDays(4)), await CreateBerlinSlotAsync(specialist, today.AddDays(6)));
        var customer = $"mail-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, from.Id, customer)).StatusCode);
        await MailsToAsync(2, $"{customer}@customers.example", specialist); // the confirmation and the notice
        var booking = await BookingIdAsync(from.Id, customer);

        var moved = await Client.PostAsJsonAsync($"{Base}/{from.Id}/book/{customer}/move", new { toSlotId = to.Id });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        // Its reminders moved with it, in the move's own transaction.
        Assert.Equal([to.StartsAt.AddDays(-1), to.StartsAt.AddHours(-1)], await RemindersAsync(booking));
        var mails = await MailsToAsync(4, $"{customer}@customers.example", specialist);
        var update = Assert.Single(mails, m => IsMove(m, customer));
        var notice = Assert.Single(mails, m => m.Subject!.StartsWith("Moved booking: ", StringComparison.Ordinal) && Recipient(m) == specialist);
        foreach (var mail in new[] { update, notice })
        {
            var session = Assert.Single(Invite(mail, "REQUEST").Events);
            Assert.Equal($"booking-{booking}@consulting-slots.invalid", session.Uid);
            Assert.Equal(1, session.Sequence);
            Assert.Equal(to.StartsAt, session.DtStart!.AsUtc);
        }

        Assert.Contains(LocalTimes(to), update.TextBody, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reminders go a day and an hour before the start, by the service's clock (moved here, not slept through): the first
    /// at its moment, the second never once the session has started; a cancelled booking's are dropped.
    /// </summary>
    [Fact]
    public async Task A_booked_session_is_reminded_at_its_moments_never_after_its_start_and_a_cancelled_one_not_at_all()
    {
        var specialist = NewSpecialist();
        var slot = await CreateBerlinSlotAsync(specialist, DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(3));
        var (stays, leaves) = ($"mail-{Guid.NewGuid():N}", $"mail-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot.Id, stays)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot.Id, leaves)).StatusCode);
        var (booking, cancelled) = (await BookingIdAsync(slot.Id, stays), await BookingIdAsync(slot.Id, leaves));
        await MailsToAsync(2, $"{stays}@customers.example", $"{leaves}@customers.example");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot.Id}/book/{leaves}")).StatusCode);
        await UntilAsync(async () => await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE booking_id = $1 AND kind = 'reminder' AND status = 'skipped'", cancelled) == 2);
        Assert.Equal([slot.StartsAt.AddDays(-1), slot.StartsAt.AddHours(-1)], await RemindersAsync(booking));

        Factory.Clock.Advance(slot.StartsAt.AddDays(-1).AddMinutes(1) - Factory.Clock.GetUtcNow().UtcDateTime);

        var reminder = Assert.Single(
            await Factory.Mail.WaitForAsync(all => all.Any(m => IsReminder(m, stays)), Patience, "the day-before reminder"), m => IsReminder(m, stays));
        Assert.Contains(LocalTimes(slot), reminder.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(reminder.BodyParts.OfType<TextPart>(), p => p.ContentType.IsMimeType("text", "calendar"));

        Factory.Clock.Advance(slot.StartsAt.AddMinutes(1) - Factory.Clock.GetUtcNow().UtcDateTime);

        await UntilAsync(async () => await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE booking_id = $1 AND kind = 'reminder' AND status = 'skipped'", booking) == 1);
        Assert.Single(Factory.Mail.Messages, m => IsReminder(m, stays));
        Assert.DoesNotContain(Factory.Mail.Messages, m => IsReminder(m, leaves));
    }

    /// <summary>
    /// A customer who says their zone gets the times in it beside the specialist's (a Tokyo customer's Wednesday morning is
    /// the Berlin specialist's Tuesday evening); an unknown zone is refused like a slot's.
    /// </summary>
    [Fact]
    public async Task A_customer_who_gives_their_zone_reads_the_times_in_it_too()
    {
        var specialist = NewSpecialist();
        var date = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(6);
        var slot = await CreateBerlinSlotAsync(specialist, date);
        var (tokyo, plain) = ($"mail-{Guid.NewGuid():N}", $"mail-{Guid.NewGuid():N}");
        using (var customer = Factory.NewClient(Factory.Tokens.Customer(tokyo)))
        {
            await ProblemAsync(
                await customer.PostAsJsonAsync($"{Base}/{slot.Id}/book", new { timezone = "Mars/Olympus_Mons" }), HttpStatusCode.BadRequest, "unknown_time_zone");
            await ProblemAsync(
                await customer.PostAsJsonAsync($"{Base}/{slot.Id}/book", new { timezone = "Asia/\nTokyo" }), HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync($"{Base}/{slot.Id}/book", new { timezone = "Asia/Tokyo" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot.Id, plain)).StatusCode);

        var tokyoTime = TimeZoneInfo.ConvertTimeFromUtc(slot.StartsAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        var mine = Assert.Single(await MailsToAsync(1, $"{tokyo}@customers.example", "none"));
        Assert.Contains(
            $"Your time: {tokyoTime.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture)}, {tokyoTime:HH:mm}–{tokyoTime.AddHours(1):HH:mm} (Asia/Tokyo)",
            mine.TextBody, StringComparison.Ordinal);
        Assert.Contains(LocalTimes(slot), mine.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Your time", Assert.Single(await MailsToAsync(1, $"{plain}@customers.example", "none")).TextBody, StringComparison.Ordinal);
        // The specialist's notice tells their own times only.
        await Factory.Mail.WaitForAsync(all => all.Count(m => Recipient(m) == specialist) == 2, Patience, "two notices");
        Assert.All(Factory.Mail.Messages.Where(m => Recipient(m) == specialist), m => Assert.DoesNotContain("Your time", m.TextBody, StringComparison.Ordinal));
    }

    /// <summary>A booking event of an older shape, without a booking id, makes no notification and holds none back.</summary>
    [Fact]
    public async Task An_event_without_a_booking_id_is_passed_over_and_the_next_booking_is_mailed()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 2));
        await Factory.ExecuteAsync(
            """
            INSERT INTO events (id, type, subject, time, data)
            VALUES (gen_random_uuid(), 'slots.booking.created', $1, now(), '{"booking": {"customerId": "old-shape"}}'),
                   (gen_random_uuid(), 'slots.booking.cancelled', $1, now(), '{"booking": {"bookingId": "not-a-uuid"}}')
            """,
            slot);
        var customer = $"mail-{Guid.NewGuid():N}";

        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, customer)).StatusCode);

        await MailsToAsync(1, $"{customer}@customers.example", "none");
    }

    /// <summary>A name is the customer's own words: the HTML part escapes its markup, and the API refuses a CR/LF in it.</summary>
    [Fact]
    public async Task A_name_with_markup_is_escaped_in_html_and_one_with_a_line_break_is_refused()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: 2, capacity: 2));
        var customer = $"mail-{Guid.NewGuid():N}";
        var response = await Client.PostAsJsonAsync($"{Base}/{slot}/book", new
        {
            customerId = customer,
            customerEmail = $"{customer}@customers.example",
            customerName = "Eve <b>bold</b> & \"Co\"",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        foreach (var mail in await MailsToAsync(2, $"{customer}@customers.example", specialist))
        {
            Assert.Contains("Eve &lt;b&gt;bold&lt;/b&gt; &amp; &quot;Co&quot;", mail.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>bold</b>", mail.HtmlBody, StringComparison.Ordinal);
        }

        var injected = await Client.PostAsJsonAsync($"{Base}/{slot}/book", new
        {
            customerId = $"{customer}-2",
            customerEmail = $"{customer}-2@customers.example",
            customerName = "Eve\r\nBcc: victim@example.com",
        });
        await ProblemAsync(injected, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task While_the_mail_server_is_down_bookings_succeed_and_afterwards_every_message_arrives_once()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: 2, capacity: 50));
        var customers = Enumerable.Range(0, 50).Select(i => $"down-{i}-{Guid.NewGuid():N}").ToList();
        await Factory.Mail.StopAsync();
        try
        {
            var answers = await Task.WhenAll(customers.Select(async c =>
            {
                using var client = Factory.NewClient(Factory.Tokens.Customer(c));
                return (await BookAsync(client, slot, c)).StatusCode;
            }));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a));

            // Tried and failed while it was down: the notifications wait for their next attempt.
            await UntilAsync(async () => await Factory.ScalarAsync<long>(
                "SELECT count(*) FROM notifications n JOIN bookings b ON b.id = n.booking_id WHERE b.slot_id = $1 AND n.attempts > 0 AND n.last_error IS NOT NULL", slot) > 0);
        }
        finally
        {
            await Factory.Mail.StartAsync();
        }

        var addresses = customers.Select(c => $"{c}@customers.example").ToHashSet();
        var mails = await Factory.Mail.WaitForAsync(
            all => all.Count(m => addresses.Contains(Recipient(m))) == 50 && all.Count(m => Recipient(m) == specialist) == 50,
            TimeSpan.FromSeconds(60), "a confirmation to each of 50 customers and 50 notices to the specialist");
        await Task.Delay(TimeSpan.FromSeconds(1)); // nothing more comes
        mails = Factory.Mail.Messages;
        var mine = mails.Where(m => addresses.Contains(Recipient(m)) || Recipient(m) == specialist).ToList();
        Assert.Equal(100, mine.Count);
        Assert.Equal(100, mine.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(addresses, mine.Where(m => Recipient(m) != specialist).Select(Recipient).ToHashSet());
        Assert.Equal(100L, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM notifications n JOIN bookings b ON b.id = n.booking_id WHERE b.slot_id = $1 AND n.status = 'sent'", slot));
    }

    [Fact]
    public async Task A_notification_given_up_is_listed_as_failed_and_an_admin_retry_sends_it()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 2));
        var customer = $"mail-{Guid.NewGuid():N}";
        Guid booking;
        List<System.Text.Json.JsonElement> failed;
        await Factory.Mail.StopAsync();
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, customer)).StatusCode);
            booking = await BookingIdAsync(slot, customer);
            await UntilAsync(async () => await Factory.ScalarAsync<long>(
                "SELECT count(*) FROM notifications WHERE booking_id = $1 AND attempts > 0 AND status = 'pending'", booking) == 2);
            // Their window ends: the next attempt gives them up.
            await Factory.ExecuteAsync("UPDATE notifications SET retry_from = now() - interval '25 hours' WHERE booking_id = $1", booking);
            await UntilAsync(async () => await Factory.ScalarAsync<long>(
                "SELECT count(*) FROM notifications WHERE booking_id = $1 AND status = 'failed'", booking) == 2);
            var listed = await Client.GetAsync("/api/notifications?status=failed&limit=500");
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            failed = [.. (await BodyAsync(listed)).EnumerateArray().Where(n => n.GetProperty("bookingId").GetGuid() == booking)];
        }
        finally
        {
            await Factory.Mail.StartAsync();
        }

        Assert.Equal(["customer", "specialist"], failed.Select(n => n.GetProperty("recipient").GetString()).Order());
        Assert.All(failed, n =>
        {
            Assert.Equal("failed", n.GetProperty("status").GetString());
            Assert.Equal("booked", n.GetProperty("kind").GetString());
            Assert.StartsWith("The mail server could not be reached", n.GetProperty("lastError").GetString(), StringComparison.Ordinal);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, n.GetProperty("nextAttemptAt").ValueKind);
        });
        var toCustomer = failed.Single(n => n.GetProperty("recipient").GetString() == "customer").GetProperty("id").GetGuid();
        var toSpecialist = failed.Single(n => n.GetProperty("recipient").GetString() == "specialist").GetProperty("id").GetGuid();

        // Given up, it is not sent by itself; an admin's retry sends it.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(Factory.Mail.Messages, m => Recipient(m) == $"{customer}@customers.example");
        using (var customerClient = Factory.NewClient(Factory.Tokens.Customer(customer)))
        {
            await ProblemAsync(await customerClient.PostAsync($"/api/notifications/{toCustomer}/retry", null), HttpStatusCode.Forbidden, "role_not_allowed");
        }

        var retried = await Client.PostAsync($"/api/notifications/{toCustomer}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("pending", (await BodyAsync(retried)).GetProperty("status").GetString());
        Assert.Single(await MailsToAsync(1, $"{customer}@customers.example", "none"));
        await UntilAsync(async () => await Factory.ScalarAsync<string>("SELECT status FROM notifications WHERE id = $1", toCustomer) == "sent");

        await ProblemAsync(await Client.PostAsync($"/api/notifications/{Guid.NewGuid()}/retry", null), HttpStatusCode.NotFound, "notification_not_found");
        await Factory.ExecuteAsync("UPDATE notifications SET status = 'sending', next_attempt_at = now() + interval '1 hour' WHERE id = $1", toSpecialist);
        await ProblemAsync(await Client.PostAsync($"/api/notifications/{toSpecialist}/retry", null), HttpStatusCode.Conflict, "notification_in_flight");
        await ProblemAsync(await Client.GetAsync("/api/notifications?status=lost"), HttpStatusCode.BadRequest, "validation_failed");
    }

    private static string Recipient(MimeMessage mail) => mail.To.Mailboxes.Single().Address;

    private static bool IsReminder(MimeMessage mail, string customer) =>
        mail.Subject!.StartsWith("Reminder: ", StringComparison.Ordinal) && Recipient(mail) == $"{customer}@customers.example";

    /// <summary>How a Berlin slot's local times read in a message.</summary>
    private static string LocalTimes((Guid Id, DateTime StartsAt) slot)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(slot.StartsAt, Berlin);
        return $"{local.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture)}, {local:HH:mm}–{local.AddHours(1):HH:mm} (Europe/Berlin)";
    }

    /// <summary>When a booking's reminders are due, soonest first.</summary>
    private async Task<DateTime[]> RemindersAsync(Guid booking) =>
        [.. (await Factory.ScalarAsync<DateTime[]>(
            "SELECT array_agg(next_attempt_at ORDER BY next_attempt_at) FROM notifications WHERE booking_id = $1 AND kind = 'reminder'", booking))
            .Select(d => d.ToUniversalTime())];

    private static bool IsMove(MimeMessage mail, string customer) =>
        mail.Subject!.StartsWith("Moved: ", StringComparison.Ordinal) && Recipient(mail) == $"{customer}@customers.example";

    /// <summary>The invite in the message's <c>text/calendar</c> part, whose method parameter and METHOD must both be <paramref name="method"/>, and the same invite attached.</summary>
    private static Ical.Net.Calendar Invite(MimeMessage mail, string method)
    {
        var parts = mail.BodyParts.OfType<TextPart>().Where(p => p.ContentType.IsMimeType("text", "calendar")).ToList();
        var inline = Assert.Single(parts, p => !p.IsAttachment);
        var attached = Assert.Single(mail.Attachments.OfType<MimePart>(), a => a.FileName == "invite.ics");
        Assert.Equal(method, inline.ContentType.Parameters["method"]);
        using var content = new MemoryStream();
        attached.Content!.DecodeTo(content);
        Assert.Equal(inline.Text.ReplaceLineEndings("\n"), Encoding.UTF8.GetString(content.ToArray()).ReplaceLineEndings("\n"));
        var calendar = Ical.Net.Calendar.Load(inline.Text)!;
        Assert.Equal(method, calendar.Method);
        return calendar;
    }

    /// <summary>The messages to either address, once there are at least <paramref name="count"/>.</summary>
    private async Task<List<MimeMessage>> MailsToAsync(int count, string one, string other)
    {
        var mails = await Factory.Mail.WaitForAsync(
            all => all.Count(m => Recipient(m) == one || Recipient(m) == other) >= count, Patience, $"{count} messages");
        return [.. mails.Where(m => Recipient(m) == one || Recipient(m) == other)];
    }

    /// <summary>A two-seat slot of <paramref name="specialist"/>'s, 10:00-11:00 Berlin time on <paramref name="date"/>.</summary>
    private async Task<(Guid Id, DateTime StartsAt)> CreateBerlinSlotAsync(string specialist, DateOnly date)
    {
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
        var slot = await CreateSlotAsync(specialist, days: date.DayNumber - today.DayNumber, capacity: 2, timezone: "Europe/Berlin");
        return (slot.GetProperty("id").GetGuid(), slot.GetProperty("startsAt").GetDateTime().ToUniversalTime());
    }

    private Task<Guid> BookingIdAsync(Guid slot, string customer) =>
        Factory.ScalarAsync<Guid>("SELECT id FROM bookings WHERE slot_id = $1 AND customer_id = $2", slot, customer);

    /// <summary>The first day from a week ahead on which Berlin's clocks change.</summary>
    private DateOnly NextClockChange()
    {
        var day = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(7);
        while (Berlin.GetUtcOffset(day.ToDateTime(new TimeOnly(0, 0))) == Berlin.GetUtcOffset(day.ToDateTime(new TimeOnly(23, 0))))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
