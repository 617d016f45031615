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
    /// The file is streamed: the first document is handed on after the first 64 KB piece of a 14 MB file is read, and
    /// the last one after the file's end, never all of it at once.
    /// </summary>
    [Fact]
    public void A_document_is_handed_on_as_soon_as_it_is_read_and_the_file_is_never_held_whole()
    {
        const int documents = 200_000;
        var file = new PiecesStream(Enumerable.Range(0, documents).Select(i => Encoding.UTF8.GetBytes(Slot.Replace("\"a\"", $"\"a{i}\"", StringComparison.Ordinal) + "\n")));

        using var entries = MongoExport.Read(file).GetEnumerator();

        Assert.True(entries.MoveNext());
        Assert.Equal(1, entries.Current.Line);
        Assert.InRange(file.Served, 1, 64 * 1024);
        var count = 1;
        while (entries.MoveNext())
        {
            count++;
            Assert.Null(entries.Current.Error);
        }

        Assert.Equal(documents, count);
        Assert.True(file.Served > 10_000_000, $"the file was {file.Served} bytes");
        Assert.Equal(64 * 1024, file.LargestRead);
    }

    /// <summary>A document past MongoDB's 16 MB is refused without being kept; the documents around it are read, on their lines.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_document_longer_than_the_limit_is_refused_unread(bool array)
    {
        var huge = new[] { "{\"x\": \"" }.Concat(Enumerable.Repeat(new string('a', 1024 * 1024), 17)).Append("\"}");
        var pieces = new List<string> { array ? "[" : "", Slot, array ? ",\n" : "\n" };
        pieces.AddRange(huge);
        pieces.AddRange([array ? ",\n" : "\n", Slot, array ? "]" : "\n"]);

        var entries = MongoExport.Read(new PiecesStream(pieces.Select(Encoding.UTF8.GetBytes))).ToList();

        Assert.Equal([1, 2, 3], entries.Select(e => e.Line));
        Assert.Equal([null, $"longer than {MongoExport.MaxDocumentBytes} bytes", null], entries.Select(e => e.Error));
        Assert.NotNull(entries[2].Document);
    }

    /// <summary>Elements that are not documents are entries with their kind; an array whose own structure is broken is not read.</summary>
    [Fact]
    public void An_array_of_values_names_each_and_a_broken_array_cannot_be_read()
    {
        var entries = MongoExport.Read(Encoding.UTF8.GetBytes($"[{Slot}, 12, \"s\", [1, {{}}], true, null, {Slot}]"));
        Assert.Equal(
            [null, "not a document but a JSON number", "not a document but a JSON string", "not a document but a JSON array",
             "not a document but a JSON true", "not a document but a JSON null", null],
            entries.Select(e => e.Error));
        Assert.Empty(MongoExport.Read(Encoding.UTF8.GetBytes(" [ ] \n")));

        foreach (var broken in new[] { "[{},]", "[{}", "[{}}]", "[{}] {}", "[,{}]", "[{\"a\": \"]\"" })
        {
            var refused = Assert.Throws<ImportFileException>(() => MongoExport.Read(Encoding.UTF8.GetBytes(broken)));
            Assert.StartsWith("The file starts a JSON array but is not JSON: ", refused.Message, StringComparison.Ordinal);
        }
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

    /// <summary>A file made of pieces as it is read, counting what it served.</summary>
    private sealed class PiecesStream(IEnumerable<byte[]> pieces) : Stream
    {
        private readonly IEnumerator<byte[]> _pieces = pieces.GetEnumerator();
        private byte[] _piece = [];
        private int _at;

        public long Served { get; private set; }

        public int LargestRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            LargestRead = Math.Max(LargestRead, count);
            var written = 0;
            while (written < count)
            {
                if (_at == _piece.Length)
                {
                    if (!_pieces.MoveNext())
                    {
                        break;
                    }

                    (_piece, _at) = (_pieces.Current, 0);
                    continue;
                }

                var n = Math.Min(count - written, _piece.Length - _at);
                Array.Copy(_piece, _at, buffer, offset + written, n);
                (_at, written) = (_at + n, written + n);
            }

            Served += written;
            return written;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _pieces.Dispose();
            base.Dispose(disposing);
        }
    }
}
