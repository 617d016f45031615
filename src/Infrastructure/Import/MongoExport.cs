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
public static class MongoExport
{
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
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            reader.Read(); // [
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                var line = LineAt(text, start);
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                entries.Add(isObject
                    ? Parse(line, Encoding.UTF8.GetString(text[start..(int)reader.BytesConsumed]))
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
                entries.Add(Parse(line, Encoding.UTF8.GetString(content)));
            }
        }

        return entries;
    }

    private static ExportEntry Parse(int line, string json)
    {
        try
        {
            return new ExportEntry(line, BsonDocument.Parse(json), null);
        }
        catch (Exception ex) when (ex is FormatException or BsonException or InvalidOperationException or ArgumentException or OverflowException)
        {
            return new ExportEntry(line, null, $"not an Extended JSON document: {ex.Message}");
        }
    }

    private static int LineAt(ReadOnlySpan<byte> text, int offset) => text[..offset].Count((byte)'\n') + 1;
}
