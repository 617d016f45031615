using System.Text.Json;
using System.Text.Json.Serialization;
using Slots.Application.Common.Json;
using Slots.Domain.Slots;

namespace Slots.Application.UnitTests.Common;

public class ExactEnumConverterTests
{
    private sealed record Body([property: JsonConverter(typeof(ExactEnumConverter<SlotStatus>))] SlotStatus? Status);

    [Theory]
    [InlineData("active", SlotStatus.Active)]
    [InlineData("inactive", SlotStatus.Inactive)]
    public void Reads_the_names_answers_write(string name, SlotStatus status)
    {
        Assert.Equal(status, JsonSerializer.Deserialize<Body>($$"""{"status":"{{name}}"}""", WireJson.Options)!.Status);
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(status, WireJson.Options));
        Assert.Equal($$"""{"status":"{{name}}"}""", JsonSerializer.Serialize(new Body(status), WireJson.Options));
    }

    [Fact]
    public void Reads_null_as_no_value() =>
        Assert.Null(JsonSerializer.Deserialize<Body>("""{"status":null}""", WireJson.Options)!.Status);

    [Theory]
    [InlineData("\"paused\"")]
    [InlineData("\"Active\"")]
    [InlineData("\"active \"")]
    [InlineData("\"\"")]
    [InlineData("0")]
    [InlineData("true")]
    public void Refuses_anything_else_and_names_the_choices(string value)
    {
        var refused = Assert.Throws<JsonChoiceException>(() => JsonSerializer.Deserialize<Body>($$"""{"status":{{value}}}""", WireJson.Options));

        Assert.Equal(["active", "inactive"], refused.Choices);
        Assert.Equal("$.status", refused.Path);
        Assert.Equal("must be 'active' or 'inactive'.", refused.Message);
    }
}
