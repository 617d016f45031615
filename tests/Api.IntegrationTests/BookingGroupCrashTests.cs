using System.Net;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The API process dies between a booking group's commit and its answers (SIGKILL, by <see cref="StartupHook"/>): every
/// booking its callers were told of is stored, and none they were not told of is lost to them, since sending the request
/// again with its <c>Idempotency-Key</c> gives the kept answer.
/// </summary>
[Collection(ApiCollection.Name)]
public class BookingGroupCrashTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_crash_between_a_groups_commit_and_its_answers_loses_no_booking_from_its_callers_view()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 50));
        var customers = Enumerable.Range(0, 12).Select(i => $"crash-{Guid.NewGuid():N}-{i}").ToList();
        var settings = new Dictionary<string, string>
        {
            ["Slots:Waits:RequestBudget"] = "00:00:30",
            ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
            [StartupHook.Switch] = "1",
        };
        HttpResponseMessage?[] answers;
        await using (var doomed = await ApiProcess.StartAsync(Factory, Factory.ConnectionString, WebhookReceiver.FreePort(), migrate: false, settings))
        {
            using var client = ClientOf(doomed);
            Task<HttpResponseMessage?[]> sent;
            await using (var holder = await Factory.HoldRowLockAsync(slot))
            {
                // Two commands that commit nothing (cancelling bookings nobody has) take the slot's two places and wait on
                // the lock; the bookings sent next gather in a group waiting for a place.
                var blockers = new List<Task<HttpResponseMessage>>();
                for (var i = 0; i < 2; i++)
                {
                    blockers.Add(client.DeleteAsync($"{Base}/{slot}/book/nobody-{i}"));
                    var waiting = i + 1;
                    await UntilAsync(async () => await Factory.LockWaitersAsync(holder) == waiting, $"command {waiting} never waited on the row lock");
                }

                sent = Task.WhenAll(customers.Select(c => AnswerOrNoneAsync(client, slot, c)));
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            answers = await sent;
            await UntilAsync(() => Task.FromResult(doomed.HasExited), "the API outlived its group's commit");
        }

        var stored = await StoredAsync(slot);
        // The group committed: its bookings are rows of one transaction, and none of their callers heard of them.
        var group = stored.Values.GroupBy(s => s.Transaction).MaxBy(g => g.Count())!;
        Assert.True(group.Count() >= 2, $"the largest transaction stored {group.Count()} bookings");
        for (var i = 0; i < customers.Count; i++)
        {
            if (answers[i] is { } answer)
            {
                // Told before the crash: it is there.
                Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
                Assert.Equal(stored[customers[i]].Id, (await BodyAsync(answer)).GetProperty("bookingId").GetGuid());
            }
        }

        await using var restarted = await ApiProcess.StartAsync(Factory, Factory.ConnectionString, WebhookReceiver.FreePort(), migrate: false);
        using var again = ClientOf(restarted);
        var replayed = 0;
        for (var i = 0; i < customers.Count; i++)
        {
            if (answers[i] is not null)
            {
                continue;
            }

            var answer = await BookAsync(again, slot, customers[i], KeyOf(customers[i]));
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            var bookingId = (await BodyAsync(answer)).GetProperty("bookingId").GetGuid();
            if (stored.TryGetValue(customers[i], out var before))
            {
                Assert.Equal("true", HeaderOf(answer, "Idempotent-Replayed"));
                Assert.Equal(before.Id, bookingId);
                replayed++;
            }
        }

        Assert.True(replayed >= group.Count(), $"{replayed} kept answers given again for a group of {group.Count()}");
        Assert.Equal(customers.Count, (await StoredAsync(slot)).Count);
        Assert.Equal(customers.Count, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
        await AssertInvariantAsync();
    }

    private HttpClient ClientOf(ApiProcess api) => api.ClientOf(Factory.Tokens.Admin(), TimeSpan.FromSeconds(60));

    /// <summary>A customer's key, derived from the customer, so a repeat is the same request.</summary>
    private static string KeyOf(string customerId) => $"key-{customerId}";

    /// <summary>The answer, or null when the process died before giving one.</summary>
    private static async Task<HttpResponseMessage?> AnswerOrNoneAsync(HttpClient client, Guid slot, string customerId)
    {
        try
        {
            return await BookAsync(client, slot, customerId, KeyOf(customerId));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task<Dictionary<string, (Guid Id, string Transaction)>> StoredAsync(Guid slot)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT customer_id, id, xmin::text FROM bookings WHERE slot_id = $1 AND cancelled_at IS NULL", connection)
        {
            Parameters = { new Npgsql.NpgsqlParameter { Value = slot } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new Dictionary<string, (Guid, string)>();
        while (await reader.ReadAsync())
        {
            stored.Add(reader.GetString(0), (reader.GetGuid(1), reader.GetString(2)));
        }

        return stored;
    }
}
