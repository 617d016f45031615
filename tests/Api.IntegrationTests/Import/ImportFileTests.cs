using System.Text;
using Slots.Api.Import;
using Slots.Application.Slots.ImportSlots;
using Slots.Infrastructure.Import;

namespace Slots.Api.IntegrationTests.Import;

/// <summary>
/// A hostile dump cannot end or disturb the import: a document nested thousands deep is refused alone (it ended the
/// process with a stack overflow), every element keeps its line number, and what the report echoes from the file cannot
/// drive a terminal.
/// </summary>
public class ImportFileTests
{
    private const string Slot = """{"_id": "a", "specialistId": "s", "specialistEmail": "s@example.com"}""";

    /// <summary>A document nested <paramref name="depth"/> deep: <c>{"x": {"x": ... 1 ...}}</c>.</summary>
    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("{\"x\": ", depth)) + "1" + new string('}', depth);

    [Fact]
    public void A_line_nested_twenty_thousand_deep_is_a_refused_entry_and_the_others_are_read()
    {
        var entries = MongoExport.Read(Encoding.UTF8.GetBytes($"{Slot}\n{Nested(20_000)}\n{Slot}\n"));

        Assert.Equal([1, 2, 3], entries.Select(e => e.Line));
        Assert.Equal("nested deeper than 64 levels", entries[1].Error);
        Assert.NotNull(entries[0].Document);
        Assert.NotNull(entries[2].Document);
    }

    [Fact]
    public void An_element_nested_twenty_thousand_deep_in_an_array_is_refused_alone()
    {
        var entries = MongoExport.Read(Encoding.UTF8.GetBytes($"[\n{Slot},\n{Nested(20_000)},\n{Slot}\n]"));

        Assert.Equal([2, 3, 4], entries.Select(e => e.Line));
        Assert.Equal([null, "nested deeper than 64 levels", null], entries.Select(e => e.Error));
    }

    /// <summary>Exactly the limit is read; brackets inside strings (JSON's quotes or the shell's) are not nesting.</summary>
    [Fact]
    public void Nesting_is_counted_outside_strings_and_the_limit_itself_is_allowed()
    {
        var entries = MongoExport.Read(Encoding.UTF8.GetBytes(
            $"{Nested(MongoExport.MaxDepth)}\n{Nested(MongoExport.MaxDepth + 1)}\n" + """{"x": "[[[[{{{{\"[[[", "y": '{{{{'}""" + "\n"));

        Assert.Equal([null, "nested deeper than 64 levels", null], entries.Select(e => e.Error));
    }

    /// <summary>Elements spread over lines, several on one: each gets the line it starts on, counted as the array is read.</summary>
    [Fact]
    public void Every_element_of_an_array_has_the_line_it_starts_on()
    {
        var file = new StringBuilder("[");
        var expected = new List<int>();
        for (var i = 0; i < 2000; i++)
        {
            file.Append(i % 3 == 0 ? "\n\n" : i % 3 == 1 ? "\n" : " ");
            expected.Add(file.ToString().Count(c => c == '\n') + 1);
            file.Append(Slot.Replace("\"a\"", $"\"a{i}\"", StringComparison.Ordinal)).Append(i < 1999 ? "," : "");
        }

        var entries = MongoExport.Read(Encoding.UTF8.GetBytes(file.Append("\n]").ToString()));

        Assert.Equal(expected, entries.Select(e => e.Line));
    }

    /// <summary>
    /// An escape sequence in a value (here one that clears the screen and one that moves the cursor), a bell, a
    /// right-to-left override: the report prints each as <c>\uXXXX</c>, and prints ordinary text as it is.
    /// </summary>
    [Fact]
    public void The_report_escapes_control_and_reordering_characters_from_the_file()
    {
        var report = new ImportReport(
            false, 2, 0, 0, 0, 0,
            [
                new ImportRefusal(1, "id\u001b[2J", "invalid_field", "status is 'x\u001b[1;1Hy\u0007', not active or inactive"),
                new ImportRefusal(2, "plain-id", "invalid_field", "status is 'p\u202eaused', not active or inactive"),
            ],
            [],
            TimeSpan.FromSeconds(1));

        var text = ImportCommand.Describe(report, "dump.json");

        Assert.DoesNotContain(text, c => c == '\u001b' || c == '\u0007' || c == '\u202e');
        Assert.Contains(@"line 1 (_id id\u001b[2J): invalid_field: status is 'x\u001b[1;1Hy\u0007', not active or inactive", text, StringComparison.Ordinal);
        Assert.Contains(@"line 2 (_id plain-id): invalid_field: status is 'p\u202eaused', not active or inactive", text, StringComparison.Ordinal);
    }
}
