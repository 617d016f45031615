using System.Globalization;
using System.Net;
using System.Text.Json;
using CsCheck;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Application.Common;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The edges of every field, not random values: type limits, range bounds and one past them, the zones at
/// UTC+14 and UTC-11/-12, DST days. Each combination is drawn for every endpoint, the anonymous view included;
/// whatever the values, the answer is never a 5xx and every 4xx is problem+json.
/// </summary>
[Collection(ApiCollection.Name)]
public class EdgeInputTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private static readonly string[] Zones =
    [
        "Pacific/Kiritimati", "Etc/GMT-14", "Pacific/Pago_Pago", "Etc/GMT+12", "Pacific/Niue", "America/New_York",
        "Europe/Berlin", "Australia/Lord_Howe", "Asia/Tokyo", "UTC", "", " ", new string('A', 64), new string('A', 65),
    ];

    private static readonly string[] Times = ["00:00", "00:01", "01:30", "02:00", "02:30", "03:00", "23:59", "24:00", "-01:00", "9:00"];

    private static readonly string[] Integers =
    [
        "-2147483649", "-2147483648", "-1", "0", "1", "2", "499", "500", "501", "999", "1000", "1001", "2147483647",
        "2147483648", "9223372036854775807", "1e3", "1.5",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "a", new string('a', 128), new string('a', 129), new string('a', 200), new string('a', 201),
        "\u212Aate@example.com", "kate@example.com", "\u202Eevil", "zero\u200Bwidth", "\uFEFFbom", "bad\uD800half", "😀",
        new string('a', 64) + "@" + new string('b', 186) + ".io", new string('a', 64) + "@" + new string('b', 187) + ".io",
    ];

    [Fact]
    public async Task The_available_view_with_a_start_date_at_the_end_of_time_is_400()
    {
        using var anonymous = Factory.NewClient(null);

        var response = await anonymous.GetAsync($"{Available(NewSpecialist())}?startDate=9999-12-31");

        await ProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task The_available_view_with_only_an_end_date_far_ahead_is_400()
    {
        using var anonymous = Factory.NewClient(null);

        var response = await anonymous.GetAsync($"{Available(NewSpecialist())}?endDate=2199-12-31");

        await ProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_slot_on_the_first_day_of_the_calendar_east_of_utc_is_400()
    {
        var response = await Client.PostAsync(Base, Json($$"""
            {"specialistEmail":"{{NewSpecialist()}}","date":"0001-01-01","startTime":"00:00","endTime":"01:00","timezone":"Asia/Tokyo"}
            """));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("date", out _), problem.ToString());
    }

    [Fact]
    public async Task A_specialist_token_with_a_blank_email_is_401_on_create()
    {
        using var blank = Factory.NewClient(Factory.Tokens.Create("specialist", "spec-blank", ""));

        var response = await blank.PostAsync(Base, Json($$"""{"date":"{{Day(3)}}","startTime":"10:00","endTime":"11:00"}"""));

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Edge_values_of_every_field_never_get_a_5xx()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, capacity: 1000));
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
        string[] dates =
        [
            "0001-01-01", "0001-01-02", "1969-12-31", "1970-01-01", "2199-12-31", "2200-01-01", "9999-12-30", "9999-12-31",
            .. new[] { -1, 0, 1, 729, 730, 731 }.Select(d => today.AddDays(d).ToString(LocalFormats.Date, CultureInfo.InvariantCulture)),
            "2027-03-14", "2027-11-07", "2027-03-28", "2027-10-31", "2028-02-29", "2027-02-29", "2027-13-01",
        ];
        string[] cursors = [Paging.EncodeCursor(DateTime.MinValue), Paging.EncodeCursor(DateTime.MaxValue), "cz" + new string('A', Paging.MaxCursorLength - 2), "cz" + new string('A', Paging.MaxCursorLength - 1), "!"];
        var date = Pick(dates);
        var time = Pick(Times);
        var zone = Pick(Zones);
        var number = Pick(Integers);
        var text = Pick(Strings);
        var cursor = Pick(cursors);
        var email = Gen.OneOf(text, Gen.Const(specialist));
        var request = Gen.OneOf(
            Gen.Select(email, date, time, time, number, zone, text, (e, d, s, t, n, z, x) => Post(Base,
                $$"""{"specialistEmail":{{Q(e)}},"date":{{Q(d)}},"startTime":{{Q(s)}},"endTime":{{Q(t)}},"totalCapacity":{{n}},"timezone":{{Q(z)}},"serviceId":{{Q(x)}},"specialistId":{{Q(x)}}}""")),
            Gen.Select(email, date, date, number, cursor, (e, from, to, n, c) => Get(
                $"{Available(Uri.EscapeDataString(e))}?startDate={from}&endDate={to}&limit={Uri.EscapeDataString(n)}&cursor={Uri.EscapeDataString(c)}")),
            Gen.Select(email, date, (e, d) => Get($"{Available(Uri.EscapeDataString(e))}?startDate={d}")),
            Gen.Select(email, date, (e, d) => Get($"{Available(Uri.EscapeDataString(e))}?endDate={d}")),
            Gen.Select(email, number, cursor, (e, n, c) => Get(
                $"{Schedule(Uri.EscapeDataString(e))}?limit={Uri.EscapeDataString(n)}&cursor={Uri.EscapeDataString(c)}")),
            number.Select(n => Get($"{Base}/{slot}/cancelled-bookings?limit={Uri.EscapeDataString(n)}")),
            Gen.Select(time, time, (s, t) => Put($"{Base}/{slot}", $$"""{"startTime":{{Q(s)}},"endTime":{{Q(t)}}}""")),
            Gen.Select(text, text, text, (id, e, n) => Post($"{Base}/{slot}/book",
                $$"""{"customerId":{{Q(id)}},"customerEmail":{{Q(e)}},"customerName":{{Q(n)}}}""")),
            text.Select(id => new HttpRequestMessage(HttpMethod.Delete, $"{Base}/{slot}/book/{Uri.EscapeDataString(id)}")));

        await request.SampleAsync(async message =>
        {
            using (message)
            using (var response = await Client.SendAsync(message))
            {
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var what = $"{message.Method} {message.RequestUri}";
                Assert.True(status < 500, $"{what} answered {status}: {body}");
                if (status >= 400)
                {
                    Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: {status} {body}");
                    Assert.Equal(status, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
                }
            }
        }, iter: 1200, threads: 4);
    }

    private static Gen<string> Pick(string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static string Q(string value) => JsonSerializer.Serialize(value);

    private static HttpRequestMessage Get(string uri) => new(HttpMethod.Get, uri);

    private static HttpRequestMessage Post(string uri, string json) => new(HttpMethod.Post, uri) { Content = Json(json) };

    private static HttpRequestMessage Put(string uri, string json) => new(HttpMethod.Put, uri) { Content = Json(json) };
}
