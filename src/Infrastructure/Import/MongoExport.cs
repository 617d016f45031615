using System.Text;
using System.Text.Json;
using MongoDB.Bson;
using Slots.Application.Slots.ImportSlots;

namespace Slots.Infrastructure.Import;

/// <summary>
/// Reads a <c>mongoexport</c> dump: a JSON array (<c>--jsonArray</c>) or one document per line (the default), in
/// Extended JSON v2, canonical or relaxed; <c>MongoDB.Bson</c> parses each document. A line that is not a document is an
/// entry with its error, so the rest of the file still counts; an array that is not JSON cannot be read at all.
/// </summary>
/// <remarks>
/// <c>MongoDB.Bson</c>'s reader is recursive: a document nested some thousands deep ended the process with a stack
/// overflow. So each document's nesting is measured first, by a plain scan, and one deeper than <see cref="MaxDepth"/>
/// is refused as an entry without being parsed. The array's own reader is not recursive, and lets deep elements through
/// to that check rather than failing the whole file on them.
/// </remarks>
public static class MongoExport
{
    /// <summary>The deepest nesting of objects and arrays a document may have (a slot's is 4).</summary>
    public const int MaxDepth = 64;

    public static IReadOnlyList<ExportEntry> Read(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var text = file.AsSpan();
        if (text.StartsWith(Encoding.UTF8.Preamble))
        {
            text = text[Encoding.UTF8.Preamble.Length..];
        }

        var first = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            return [];
        }

        return text[first] == (byte)'[' ? ReadArray(text) : ReadLines(text);
    }

    /// <summary>"A JSON array" mode: each element in turn, with the line it starts on.</summary>
    private static List<ExportEntry> ReadArray(ReadOnlySpan<byte> text)
    {
        var entries = new List<ExportEntry>();
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = 1_000_000 });
        var lines = new LineCounter();
        try
        {
            reader.Read(); // [
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                var line = lines.At(text, start);
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                entries.Add(isObject
                    ? Parse(line, text[start..(int)reader.BytesConsumed])
                    : new ExportEntry(line, null, $"not a document but a JSON {reader.TokenType.ToString().ToLowerInvariant()}"));
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                throw new ImportFileException("The file starts a JSON array but does not end it where it should.");
            }
        }
        catch (JsonException json)
        {
            throw new ImportFileException(
                $"The file starts a JSON array but is not JSON at line {json.LineNumber + 1}: {json.Message}");
        }

        return entries;
    }

    /// <summary>"One document per line" mode: blank lines are skipped.</summary>
    private static List<ExportEntry> ReadLines(ReadOnlySpan<byte> text)
    {
        var entries = new List<ExportEntry>();
        var line = 0;
        foreach (var range in text.Split((byte)'\n'))
        {
            line++;
            var content = text[range].Trim(" \t\r"u8);
            if (!content.IsEmpty)
            {
                entries.Add(Parse(line, content));
            }
        }

        return entries;
    }

    private static ExportEntry Parse(int line, ReadOnlySpan<byte> json)
    {
        if (Depth(json) > MaxDepth)
        {
            return new ExportEntry(line, null, $"nested deeper than {MaxDepth} levels");
        }

        try
        {
            return new ExportEntry(line, BsonDocument.Parse(Encoding.UTF8.GetString(json)), null);
        }
        catch (Exception ex) when (ex is FormatException or BsonException or InvalidOperationException or ArgumentException or OverflowException)
        {
            return new ExportEntry(line, null, $"not an Extended JSON document: {ex.Message}");
        }
    }

    /// <summary>The deepest nesting of <c>{</c> and <c>[</c> outside string literals (JSON's or the shell's quotes).</summary>
    internal static int Depth(ReadOnlySpan<byte> json)
    {
        var (depth, deepest) = (0, 0);
        byte quote = 0;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (quote != 0)
            {
                if (c == (byte)'\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = 0;
                }
            }
            else if (c is (byte)'"' or (byte)'\'')
            {
                quote = c;
            }
            else if (c is (byte)'{' or (byte)'[')
            {
                deepest = Math.Max(deepest, ++depth);
            }
            else if (c is (byte)'}' or (byte)']')
            {
                depth--;
            }
        }

        return deepest;
    }

    /// <summary>
    /// Line numbers of offsets that only grow, counted as it goes: each call counts the newlines since the last one, so
    /// numbering a file's elements is linear (counting from the start each time made a large array quadratic).
    /// </summary>
    private sealed class LineCounter
    {
        private int _offset;
        private int _line = 1;

        public int At(ReadOnlySpan<byte> text, int offset)
        {
            _line += text[_offset..offset].Count((byte)'\n');
            _offset = offset;
            return _line;
        }
    }
}
