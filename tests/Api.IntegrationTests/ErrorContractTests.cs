using System.Net;
using System.Text;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>Garbage in gets a clear 4xx in problem+json, never a 500.</summary>
[Collection(ApiCollection.Name)]
public class ErrorContractTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Theory]
    [InlineData("{\"specialistEmail\":", "body")]
    [InlineData("not json at all", "body")]
    [InlineData("[1,2,3]", "body")]
    [InlineData("{\"specialistEmail\":\"a@b.io\",\"date\":\"2030-01-01\",\"startTime\":\"10:00\",\"endTime\":\"11:00\",\"totalCapacity\":\"many\"}", "totalCapacity")]
    [InlineData("{\"specialistEmail\":\"a@b.io\",\"date\":\"2030-01-01\",\"startTime\":\"10:00\",\"endTime\":\"11:00\",\"totalCapacity\":99999999999}", "totalCapacity")]
    [InlineData("{\"specialistEmail\":[\"a@b.io\"],\"date\":\"2030-01-01\",\"startTime\":\"10:00\",\"endTime\":\"11:00\"}", "specialistEmail")]
    [InlineData("{\"specialistEmail\":\"a@b.io\",\"date\":\"2030-01-01\",\"startTime\":\"10:00\",\"endTime\":\"11:00\",\"id\":\"00000000-0000-0000-0000-000000000001\"}", "id")]
    [InlineData("{\"specialistEmail\":\"a@b.io\",\"date\":\"2030-01-01\",\"startTime\":\"10:00\",\"endTime\":\"11:00\",\"bookedCount\":3}", "bookedCount")]
    public async Task Unreadable_bodies_are_400(string body, string field)
    {
        var problem = await ProblemAsync(await Client.PostAsync(Base, Json(body)), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.DoesNotContain("System.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415() =>
        await ProblemAsync(
            await Client.PostAsync(Base, new StringContent("specialistEmail=a@b.io", Encoding.UTF8, "application/x-www-form-urlencoded")),
            HttpStatusCode.UnsupportedMediaType);

    [Fact]
    public async Task An_empty_body_is_400_and_says_so()
    {
        var problem = await ProblemAsync(await Client.PostAsync(Base, Json("")), HttpStatusCode.BadRequest);

        Assert.Equal("A JSON request body is required.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unreadable_query_value_names_the_parameter()
    {
        var problem = await ProblemAsync(await Client.GetAsync($"{Base}/a@b.io?limit=lots"), HttpStatusCode.BadRequest);

        Assert.Equal("'limit' cannot be 'lots'.", problem.GetProperty("errors").GetProperty("limit")[0].GetString());
    }

    [Theory]
    [InlineData("""{"from":"2030-01-07","to":"2030-01-08","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00","x":1}],"slotMinutes":60}""", "windows[0].x", "'windows[0].x' is not a field this request takes.")]
    [InlineData("""{"from":"2030-01-07","to":"2030-01-08","weekdays":["monday"],"windows":[{"startTime":9,"endTime":"10:00"}],"slotMinutes":60}""", "windows[0].startTime", "'windows[0].startTime' has the wrong type or an out-of-range value.")]
    [InlineData("""{"from":2030-01-07}""", "body", "The body is not valid JSON (line 1, byte 13).")]
    public async Task A_body_error_names_its_field_even_deep_inside_and_says_what_is_wrong(string body, string field, string detail)
    {
        var problem = await ProblemAsync(await Client.PostAsync($"{Base}/series", Json(body)), HttpStatusCode.BadRequest, "bad_request");

        Assert.Equal(detail, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task An_unreadable_flag_in_the_query_names_the_parameter()
    {
        var problem = await ProblemAsync(await Client.PostAsync($"{Base}/series?dryRun=perhaps", Json("{}")), HttpStatusCode.BadRequest);

        Assert.Equal("'dryRun' cannot be 'perhaps'.", problem.GetProperty("errors").GetProperty("dryRun")[0].GetString());
    }

    [Theory]
    [InlineData("/api/consulting-slots/not-a-guid/book")]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/consulting-slots/00000000-0000-0000-0000-000000000000/book/c1/extra")]
    public async Task Unknown_routes_are_404(string path) =>
        await ProblemAsync(await Client.PostAsync(path, Json("{}")), HttpStatusCode.NotFound);

    [Fact]
    public async Task A_method_the_route_does_not_take_is_405() =>
        await ProblemAsync(await Client.PatchAsync($"{Base}/{Guid.NewGuid()}", Json("{}")), HttpStatusCode.MethodNotAllowed);

    [Fact]
    public async Task A_customer_id_longer_than_allowed_is_400() =>
        await ProblemAsync(await Client.DeleteAsync($"{Base}/{Guid.NewGuid()}/book/{new string('x', 300)}"), HttpStatusCode.BadRequest);

    // PostgreSQL cannot store U+0000 in text; every text field must be refused before it gets there.
    [Theory]
    [InlineData("specialistEmail", "a\\u0000b@example.com")]
    [InlineData("specialistId", "spec\\u0000")]
    [InlineData("serviceId", "svc\\u0000")]
    [InlineData("timezone", "UTC\\u0000")]
    public async Task A_nul_character_in_a_slot_field_is_400(string field, string value)
    {
        var body = $$"""{"specialistEmail":"{{NewSpecialist()}}","date":"{{Day(2)}}","startTime":"10:00","endTime":"11:00"}""";
        body = body.Replace("}", $$""","{{field}}":"{{value}}"}""", StringComparison.Ordinal);
        if (field == "specialistEmail")
        {
            body = body.Replace($$"""{"specialistEmail":""", """{"x":""", StringComparison.Ordinal).Replace("\"x\":", "\"serviceId\":", StringComparison.Ordinal);
        }

        var problem = await ProblemAsync(await Client.PostAsync(Base, Json(body)), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("customerName", "Bea\\u0000")]
    [InlineData("customerEmail", "b\\u0000@example.com")]
    public async Task A_nul_character_in_a_booking_field_is_400(string field, string value)
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist()));
        var fields = new Dictionary<string, string> { ["customerId"] = "c1", ["customerEmail"] = "c1@example.com", ["customerName"] = "C" };
        fields[field] = value;
        var body = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":\"{f.Value}\"")) + "}";

        var problem = await ProblemAsync(await Client.PostAsync($"{Base}/{slot}/book", Json(body)), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    /// <summary>The bodies the framework writes (no route, no such method, too large) carry a stable code too.</summary>
    [Fact]
    public async Task Framework_errors_carry_a_stable_code()
    {
        await ProblemAsync(await Client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "not_found");
        await ProblemAsync(await Client.GetAsync($"{Base}/{Guid.NewGuid()}/nothing"), HttpStatusCode.NotFound, "not_found");
        await ProblemAsync(await Client.PatchAsync($"{Base}/{Guid.NewGuid()}", Json("{}")), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        var tooLarge = new string('x', 70 * 1024);
        await ProblemAsync(await Client.PostAsync(Base, Json($$"""{"serviceId":"{{tooLarge}}"}""")), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Absurd_dates_are_400()
    {
        await ProblemAsync(await Client.PostAsync(Base, Json("""{"specialistEmail":"a@b.io","date":"9999-12-31","startTime":"10:00","endTime":"11:00"}""")), HttpStatusCode.BadRequest);
        await ProblemAsync(await Client.PostAsync(Base, Json("""{"specialistEmail":"a@b.io","date":"0001-01-01","startTime":"10:00","endTime":"11:00"}""")), HttpStatusCode.BadRequest);
        await ProblemAsync(await Client.GetAsync($"{Available("a@b.io")}?startDate=0001-01-01&endDate=9999-12-31"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_api_document_is_served_to_anyone_and_says_which_operations_need_a_token()
    {
        using var anonymous = Factory.NewClient(null);
        var response = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await BodyAsync(response);
        var book = document.GetProperty("paths").GetProperty("/api/consulting-slots/{slotId}/book").GetProperty("post");
        var responses = book.GetProperty("responses");
        foreach (var status in new[] { "201", "400", "401", "403", "404", "409", "429", "503" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"POST book documents no {status}: {responses}");
        }

        Assert.True(responses.GetProperty("409").GetProperty("content").TryGetProperty("application/problem+json", out _));

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.True(book.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        var available = document.GetProperty("paths").GetProperty("/api/specialists/{specialistEmail}/available-slots").GetProperty("get");
        var anyone = Assert.Single(available.GetProperty("security").EnumerateArray());
        Assert.Empty(anyone.EnumerateObject()); // an empty requirement: no token needed
    }
}
