using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Infrastructure.Events;
using Slots.Infrastructure.Notifications;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>Helpers that speak the wire format: JSON in, <see cref="JsonElement"/> out.</summary>
public abstract class ApiTestBase(SlotsApiFactory factory)
{
    protected const string Base = "/api/consulting-slots";

    /// <summary>A specialist's slots, all of them (the specialist's view).</summary>
    protected static string Schedule(string specialistEmail) => $"/api/specialists/{specialistEmail}/slots";

    /// <summary>A specialist's bookable slots (anyone's view).</summary>
    protected static string Available(string specialistEmail) => $"/api/specialists/{specialistEmail}/available-slots";

    protected SlotsApiFactory Factory { get; } = factory;

    /// <summary>How long a test waits for what happens after a request (a webhook, a message): long beyond need.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>What <paramref name="probe"/> finds, once it finds something; fails after <see cref="Patience"/>.</summary>
    protected static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what = "waited 30 s in vain")
        where T : struct
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until <paramref name="holds"/>; fails after <see cref="Patience"/>.</summary>
    protected static Task UntilAsync(Func<Task<bool>> holds, string what = "waited 30 s in vain") =>
        EventuallyAsync<bool>(async () => await holds() ? true : null, what);

    /// <summary>Signed in as an admin, who may act for any specialist and customer; the matrix tests use the other roles.</summary>
    protected HttpClient Client { get; } = factory.NewClient(factory.Tokens.Admin());

    /// <summary>A specialist nobody else in the run uses.</summary>
    protected static string NewSpecialist() => $"spec-{Guid.NewGuid():N}@example.com";

    /// <summary>The fake clock's date plus <paramref name="days"/>, as the wire writes dates.</summary>
    protected string Day(int days) =>
        DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected async Task<JsonElement> CreateSlotAsync(
        string specialist, int days = 1, string start = "10:00", string end = "11:00", int capacity = 1, string timezone = "UTC")
    {
        var response = await Client.PostAsJsonAsync(Base, new
        {
            specialistEmail = specialist,
            specialistId = $"sub-{specialist}",
            date = Day(days),
            startTime = start,
            endTime = end,
            totalCapacity = capacity,
            timezone,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await BodyAsync(response);
    }

    /// <summary>
    /// Sends a request with <paramref name="headers"/> as written (those whose value is null left out), malformed ones
    /// included: the server must read them, not the client library.
    /// </summary>
    protected static async Task<HttpResponseMessage> SendRawAsync(
        HttpClient client, HttpMethod method, string url, string? body, params (string Name, string? Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = Json(body);
        }

        foreach (var (name, value) in headers)
        {
            if (value is not null)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await client.SendAsync(request);
    }

    /// <summary>A response header's values as one comma-separated text, or <c>(no NAME)</c> when it was not sent.</summary>
    protected static string HeaderOf(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : $"(no {name})";

    protected static Task<HttpResponseMessage> BookAsync(HttpClient client, Guid slotId, string customerId, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/{slotId}/book")
        {
            Content = JsonContent.Create(new
            {
                customerId,
                customerEmail = $"{customerId}@customers.example",
                customerName = $"Customer {customerId}",
            }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>A seat hold for the customer, named as <see cref="BookAsync"/> names them, for <paramref name="minutes"/> (the default when null).</summary>
    protected static Task<HttpResponseMessage> HoldAsync(HttpClient client, Guid slotId, string customerId, int? minutes = null) =>
        client.PostAsJsonAsync($"{Base}/{slotId}/holds", new
        {
            customerId,
            customerEmail = $"{customerId}@customers.example",
            customerName = $"Customer {customerId}",
            minutes,
        });

    protected static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status, that the body is problem+json with the standard members, and returns it.</summary>
    protected static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await BodyAsync(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }

        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Equal(JsonValueKind.Object, problem.GetProperty("errors").ValueKind);
        }

        return problem;
    }

    /// <summary>
    /// The invariant, over the whole table: no slot has more live bookings and live holds (at the API's clock) than seats,
    /// every slot's counts are its rows' (live bookings, holds not ended, waiting entries), nobody both has a booking in a
    /// slot and waits for it, and nobody both has a booking in a slot and a live hold of it.
    /// </summary>
    protected async Task AssertInvariantAsync() =>
        Assert.Equal(0L, await Factory.ScalarAsync<long>("""
            SELECT count(*) FROM slots s
            WHERE s.booked_count > s.total_capacity
               OR s.booked_count <> (SELECT count(*) FROM bookings b WHERE b.slot_id = s.id AND b.cancelled_at IS NULL)
               OR s.held_count <> (SELECT count(*) FROM seat_holds h WHERE h.slot_id = s.id AND h.status = 'live')
               OR s.booked_count + (SELECT count(*) FROM seat_holds h WHERE h.slot_id = s.id AND h.status = 'live' AND h.expires_at > $1)
                  > s.total_capacity
               OR EXISTS (SELECT 1 FROM seat_holds h JOIN bookings b ON b.slot_id = h.slot_id AND b.customer_id = h.customer_id
                          WHERE h.slot_id = s.id AND h.status = 'live' AND h.expires_at > $1 AND b.cancelled_at IS NULL)
               OR s.waiting_count <> (SELECT count(*) FROM waitlist_entries w WHERE w.slot_id = s.id AND w.status = 'waiting')
               OR EXISTS (SELECT 1 FROM waitlist_entries w JOIN bookings b ON b.slot_id = w.slot_id AND b.customer_id = w.customer_id
                          WHERE w.slot_id = s.id AND w.status = 'waiting' AND b.cancelled_at IS NULL)
            """, Factory.Clock.GetUtcNow().UtcDateTime));

    /// <summary>
    /// The booking handler as the API builds it, over <paramref name="db"/>, for a test that runs a booking by hand (its own
    /// context, its faults, its capture): one outbox for its events, mail configured so it schedules reminders (the notifier
    /// is the factory's).
    /// </summary>
    protected BookSlotHandler BookingHandlerOver(SlotsDbContext db)
    {
        var mail = new MailOptions { Host = "127.0.0.1" };
        var repository = new SlotRepository(db);
        var events = new EventOutbox(db, Factory.Clock);
        var notifications = new NotificationOutbox(db, mail, new ReminderSchedule(mail));
        return new BookSlotHandler(repository, FixedUser.Admin, Factory.Clock, BookingLimits.Default, events, notifications,
            new WaitlistPromotion(repository, BookingLimits.Default, events, notifications));
    }

    protected static Guid Id(JsonElement slot) => slot.GetProperty("id").GetGuid();

    /// <summary>The next page's address from the <c>Link</c> header, or null on the last page.</summary>
    protected static string? NextPage(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links) && links.Single() is var link ? link[1..link.IndexOf('>', StringComparison.Ordinal)] : null;
}
