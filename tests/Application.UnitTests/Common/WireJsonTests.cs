using System.Globalization;
using System.Text.Json;
using Slots.Application.Common.Json;

namespace Slots.Application.UnitTests.Common;

public class WireJsonTests
{
    [Fact]
    public void Every_minute_of_the_day_is_written_as_HH_mm_and_read_back()
    {
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            var time = new TimeOnly(minute / 60, minute % 60).Add(TimeSpan.FromSeconds(59)); // seconds are never written
            var json = JsonSerializer.Serialize(time, WireJson.Options);

            Assert.Equal($"\"{time.ToString("HH:mm", CultureInfo.InvariantCulture)}\"", json);
            Assert.Equal(new TimeOnly(time.Hour, time.Minute), JsonSerializer.Deserialize<TimeOnly>(json, WireJson.Options));
        }
    }
}
