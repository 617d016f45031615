using System.Net;
using System.Text;

namespace Slots.Api.IntegrationTests.Contract;

/// <summary>The checker every test client runs finds what it is there to find.</summary>
public class ResponseContractTests
{
    private const string SlotPath = "/api/consulting-slots/0f8e2a5c-3b1d-4c6e-9a7f-2d4b6c8e0a13";

    private const string Problem503 = """
        {"type":"about:blank","title":"Busy.","status":503,"detail":"Busy.","code":"slot_busy","traceId":"00-ab-cd-00"}
        """;

    [Fact]
    public void An_undocumented_status_breaks_it() =>
        Assert.Contains("does not document", Single("DELETE", SlotPath, Response(HttpStatusCode.OK, "{}", "application/json")));

    [Fact]
    public void A_body_without_a_required_field_breaks_it() =>
        Assert.Contains("breaks its schema", Single("GET", SlotPath,
            Response(HttpStatusCode.OK, """{"id":"0f8e2a5c-3b1d-4c6e-9a7f-2d4b6c8e0a13"}""", "application/json", etag: "\"v1\"")));

    [Fact]
    public void A_not_modified_without_its_ETag_breaks_it() =>
        Assert.Contains("ETag", Single("GET", SlotPath, new HttpResponseMessage(HttpStatusCode.NotModified)));

    [Fact]
    public void A_code_outside_its_status_enum_breaks_it() =>
        Assert.Contains("breaks its schema", Single("GET", SlotPath,
            Response(HttpStatusCode.ServiceUnavailable, Problem503.Replace("slot_busy", "slot_fully_booked", StringComparison.Ordinal), "application/problem+json", retryAfter: "1")));

    [Fact]
    public void A_503_without_Retry_After_breaks_it_and_with_one_keeps_it()
    {
        Assert.Contains("Retry-After", Single("GET", SlotPath, Response(HttpStatusCode.ServiceUnavailable, Problem503, "application/problem+json")));
        Assert.Empty(ResponseContract.Instance.Check("GET", SlotPath,
            Response(HttpStatusCode.ServiceUnavailable, Problem503, "application/problem+json", retryAfter: "1"), Problem503));
    }

    [Fact]
    public void A_made_up_path_may_only_answer_a_problem() =>
        Assert.Contains("matches no operation", Single("GET", "/api/made-up", Response(HttpStatusCode.OK, "[]", "application/json")));

    private static string Single(string method, string path, HttpResponseMessage response) =>
        Assert.Single(ResponseContract.Instance.Check(method, path, response, response.Content.ReadAsStringAsync().Result));

    private static HttpResponseMessage Response(
        HttpStatusCode status, string body, string mediaType, string? retryAfter = null, string? etag = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (etag is not null)
        {
            response.Headers.TryAddWithoutValidation("ETag", etag);
        }

        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }
}
