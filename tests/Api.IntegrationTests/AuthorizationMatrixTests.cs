using System.Net;
using System.Net.Http.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Every endpoint against every kind of caller, over HTTP on the real database. Each case gets its own
/// specialists and customers: specialist A owns a slot on day 2, customer A holds a seat in a second
/// slot. Every refusal must also leave specialist A's slots and bookings exactly as they were.
/// </summary>
[Collection(ApiCollection.Name)]
public class AuthorizationMatrixTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private static readonly string[] Callers =
        ["anonymous", "customerA", "customerB", "specialistA", "specialistB", "admin", "expired", "otherKey", "algNone", "serviceBookings", "serviceEvents"];

    // Expected status per endpoint, in the order of Callers. "expired", "otherKey" and "algNone" are always 401, except on
    // the public available view, which ignores whatever token it is sent. The two internal services may do only what
    // their scopes name: bookings:write books and cancels for a customer, events:read none of this.
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["list own schedule"] = [401, 403, 403, 200, 403, 200, 401, 401, 401, 403, 403],
        ["available slots"] = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["create slot"] = [401, 403, 403, 201, 403, 201, 401, 401, 401, 403, 403],
        ["get slot"] = [401, 403, 403, 200, 404, 200, 401, 401, 401, 403, 403],
        ["change slot"] = [401, 403, 403, 200, 404, 200, 401, 401, 401, 403, 403],
        ["delete slot"] = [401, 403, 403, 204, 404, 204, 401, 401, 401, 403, 403],
        ["book as customer A"] = [401, 201, 403, 403, 403, 201, 401, 401, 401, 201, 403],
        ["cancel customer A's booking"] = [401, 204, 403, 204, 404, 204, 401, 401, 401, 204, 403],
    };

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (endpoint, statuses) in Expected)
        {
            for (var i = 0; i < Callers.Length; i++)
            {
                data.Add(endpoint, Callers[i], statuses[i]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_caller_gets_exactly_its_rights(string endpoint, string caller, int expected)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var (specialistA, specialistB) = ($"spec-a-{run}@example.com", $"spec-b-{run}@example.com");
        var (customerA, customerB) = ($"cust-a-{run}", $"cust-b-{run}");
        var open = Id(await CreateSlotAsync(specialistA, days: 2, capacity: 2));
        var held = Id(await CreateSlotAsync(specialistA, days: 2, start: "12:00", end: "13:00", capacity: 2));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, held, customerA)).StatusCode);
        var before = await StateAsync(specialistA);

        using var client = Factory.NewClient(caller switch
        {
            "anonymous" => null,
            "customerA" => Factory.Tokens.Customer(customerA),
            "customerB" => Factory.Tokens.Customer(customerB),
            "specialistA" => Factory.Tokens.Specialist(specialistA),
            "specialistB" => Factory.Tokens.Specialist(specialistB),
            "admin" => Factory.Tokens.Admin(),
            "expired" => Factory.Tokens.Create("specialist", "a", specialistA, expires: DateTime.UtcNow.AddMinutes(-5)),
            "otherKey" => Factory.Tokens.Create("admin", "svc", null, key: new byte[64]),
            "algNone" => Factory.Tokens.Unsigned(),
            "serviceBookings" => Factory.Tokens.Service("bookings:write"),
            "serviceEvents" => Factory.Tokens.Service("events:read"),
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        });
        var response = endpoint switch
        {
            "list own schedule" => await client.GetAsync($"{Schedule(specialistA)}"),
            "available slots" => await client.GetAsync($"{Available(specialistA)}"),
            "create slot" => await client.PostAsJsonAsync(Base, new
            {
                specialistEmail = specialistA, specialistId = $"sub-{specialistA}", date = Day(3), startTime = "10:00", endTime = "11:00",
            }),
            "get slot" => await client.GetAsync($"{Base}/{open}"),
            "change slot" => await client.PutAsync($"{Base}/{open}", Json("""{"startTime":"09:00"}""")),
            "delete slot" => await client.DeleteAsync($"{Base}/{open}"),
            "book as customer A" => await BookAsync(client, open, customerA),
            "cancel customer A's booking" => await client.DeleteAsync($"{Base}/{held}/book/{customerA}"),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };

        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        if (expected >= 400)
        {
            var problem = await ProblemAsync(response, (HttpStatusCode)expected);
            // A refusal tells nothing about the people the caller asked after.
            var detail = problem.GetProperty("detail").GetString()!;
            Assert.DoesNotContain(specialistA, detail, StringComparison.Ordinal);
            Assert.DoesNotContain(customerA, detail, StringComparison.Ordinal);
            if (expected == 401)
            {
                Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
            }

            Assert.Equal(before, await StateAsync(specialistA));
        }
        else if (response.StatusCode is HttpStatusCode.OK && endpoint is "list own schedule" or "get slot")
        {
            Assert.Contains(open.ToString(), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>Everything about specialist A's slots and bookings that a request could change.</summary>
    private Task<string> StateAsync(string specialist) => Factory.ScalarAsync<string>(
        """
        SELECT count(*) || ':' || coalesce(string_agg(s.id || s.start_time::text || s.status || s.booked_count || ':' ||
            (SELECT count(*) FROM bookings b WHERE b.slot_id = s.id AND b.cancelled_at IS NULL), ',' ORDER BY s.id), '')
        FROM slots s WHERE s.specialist_email = $1
        """,
        specialist);
}
