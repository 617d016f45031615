using System.Text;
using MongoDB.Bson;
using Slots.Application.Slots.ImportSlots;

namespace Slots.Infrastructure.Import;

/// <summary>
/// Reads a <c>mongoexport</c> dump as a stream: a JSON array (<c>--jsonArray</c>) or one document per line (the default),
/// in Extended JSON v2, canonical or relaxed; <c>MongoDB.Bson</c> parses each document. The file is read once, in 64 KB
/// pieces, and each document is handed on as soon as it ends, so a dump of any size takes the memory of its largest
/// document, never of the whole file. A document that cannot be read is an entry with its error, so the rest of the file
/// still counts; an array whose own commas and brackets are broken cannot be read at all.
/// </summary>
/// <remarks>
/// <c>MongoDB.Bson</c>'s reader is recursive: a document nested some thousands deep ended the process with a stack
/// overflow. So each document's nesting is measured first, by a plain scan, and one deeper than <see cref="MaxDepth"/>
/// is refused as an entry without being parsed. The elements of an array are found by the same kind of scan (brackets
/// and commas outside string literals), which neither recurses nor holds more than one element. A document longer than
/// <see cref="MaxDocumentBytes"/> is refused unread: its bytes are skipped, not kept.
/// </remarks>
public static class MongoExport
{
    /// <summary>The deepest nesting of objects and arrays a document may have (a slot's is 4).</summary>
    public const int MaxDepth = 64;

    /// <summary>The longest document read: MongoDB's own limit for one (a slot with a thousand bookings is about 200 KB).</summary>
    public const int MaxDocumentBytes = 16 * 1024 * 1024;

    /// <summary>The whole dump at once (tests, small files): <see cref="Read(Stream)"/> over it.</summary>
    public static IReadOnlyList<ExportEntry> Read(byte[] file) => [.. Read(new MemoryStream(file, writable: false))];

    /// <summary>The dump's documents in file order, each read as the stream reaches its end.</summary>
    /// <exception cref="ImportFileException">The file starts an array that is not one (raised when the reading gets there).</exception>
    public static IEnumerable<ExportEntry> Read(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var source = new ByteSource(file);
        source.SkipPreamble();
        IEnumerable<Element> elements = source.SkipWhitespace() switch
        {
            < 0 => [],
            '[' => ArrayElements(source),
            _ => Lines(source),
        };
        foreach (var element in elements)
        {
            yield return element.TooLong
                ? new ExportEntry(element.Line, null, $"longer than {MaxDocumentBytes} bytes")
                : element.Bytes[0] != (byte)'{' && !element.IsLine
                    ? new ExportEntry(element.Line, null, $"not a document but a JSON {Kind(element.Bytes[0])}")
                    : Parse(element.Line, element.Bytes);
        }
    }

    /// <summary>"One document per line" mode: blank lines are skipped; spaces, tabs and a <c>\r</c> around a line are not its.</summary>
    private static IEnumerable<Element> Lines(ByteSource source)
    {
        var element = new ElementBuffer();
        var line = source.Line;
        while (true)
        {
            var b = source.Read();
            if (b is < 0 or '\n')
            {
                if (!element.IsEmpty)
                {
                    yield return element.Take(line, isLine: true);
                }

                if (b < 0)
                {
                    yield break;
                }

                line = source.Line;
            }
            else
            {
                element.Add((byte)b);
            }
        }
    }

    /// <summary>
    /// "A JSON array" mode: each element with the line it starts on. Its end is the comma or bracket that follows it
    /// outside strings (JSON's quotes or the shell's) and outside its own brackets.
    /// </summary>
    private static IEnumerable<Element> ArrayElements(ByteSource source)
    {
        source.Read(); // [
        var element = new ElementBuffer();
        var (line, depth, quote, inElement, elements) = (0, 0, (byte)0, false, 0);
        while (true)
        {
            var at = source.Line;
            var b = source.Read();
            if (b < 0)
            {
                throw NotJson($"it ends inside the array{(elements > 0 || inElement ? $", in element {elements + 1}, which starts at line {line}" : "")}");
            }

            if (!inElement)
            {
                if (b is ' ' or '\t' or '\r' or '\n')
                {
                    continue;
                }

                if (b == ']' && elements == 0)
                {
                    break;
                }

                if (b is ',' or ']' or '}')
                {
                    throw NotJson($"'{(char)b}' at line {at} where an element should start");
                }

                (line, inElement) = (at, true);
            }

            if (quote != 0)
            {
                if (b == '\\')
                {
                    element.Add((byte)b);
                    b = source.Read();
                    if (b < 0)
                    {
                        continue; // the end of the file, reported above
                    }
                }
                else if (b == quote)
                {
                    quote = 0;
                }
            }
            else if (b is '"' or '\'')
            {
                quote = (byte)b;
            }
            else if (b is '{' or '[')
            {
                depth++;
            }
            else if (b is '}' or ']' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && b is ',' or ']' or '}')
            {
                if (b == '}')
                {
                    throw NotJson($"a '}}' at line {at} closes nothing");
                }

                elements++;
                inElement = false;
                yield return element.Take(line, isLine: false);
                if (b == ']')
                {
                    break;
                }

                continue;
            }

            element.Add((byte)b);
        }

        if (source.SkipWhitespace() >= 0)
        {
            throw NotJson($"there is more after the array ends, at line {source.Line}");
        }
    }

    private static ImportFileException NotJson(string where) =>
        new($"The file starts a JSON array but is not JSON: {where}.");

    private static string Kind(byte first) => first switch
    {
        (byte)'[' => "array",
        (byte)'"' or (byte)'\'' => "string",
        (byte)'t' => "true",
        (byte)'f' => "false",
        (byte)'n' => "null",
        (byte)'-' or (>= (byte)'0' and <= (byte)'9') => "number",
        _ => "value",
    };

    private static ExportEntry Parse(int line, byte[] json)
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

    /// <summary>One document's bytes (trimmed), or the mark that it was too long to keep, and the line it starts on.</summary>
    private sealed record Element(int Line, byte[] Bytes, bool TooLong, bool IsLine);

    /// <summary>
    /// The bytes of the document being read, without the spaces, tabs and <c>\r</c> around it; past
    /// <see cref="MaxDocumentBytes"/> it keeps none, only that it was too long.
    /// </summary>
    private sealed class ElementBuffer
    {
        private readonly MemoryStream _bytes = new();
        private bool _tooLong;

        public bool IsEmpty => _bytes.Length == 0 && !_tooLong;

        public void Add(byte b)
        {
            if (_tooLong || (_bytes.Length == 0 && b is (byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return;
            }

            if (_bytes.Length == MaxDocumentBytes)
            {
                _tooLong = true;
                _bytes.SetLength(0);
                _bytes.Capacity = 0;
                return;
            }

            _bytes.WriteByte(b);
        }

        public Element Take(int line, bool isLine)
        {
            var bytes = _bytes.GetBuffer().AsSpan(0, (int)_bytes.Length).TrimEnd(" \t\r"u8).ToArray();
            var element = new Element(line, bytes, _tooLong, isLine);
            (_tooLong, _bytes.Position) = (false, 0);
            _bytes.SetLength(0);
            return element;
        }
    }

    /// <summary>The file's bytes one at a time, read in 64 KB pieces, with the line of the next one counted as it goes.</summary>
    private sealed class ByteSource(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _at;
        private int _end;

        /// <summary>The 1-based line of the next byte.</summary>
        public int Line { get; private set; } = 1;

        public int Read()
        {
            if (_at == _end && !Fill())
            {
                return -1;
            }

            var b = _buffer[_at++];
            if (b == (byte)'\n')
            {
                Line++;
            }

            return b;
        }

        /// <summary>Skips spaces, tabs and line ends; the next byte after them, not consumed (-1 at the end).</summary>
        public int SkipWhitespace()
        {
            while (_at < _end || Fill())
            {
                if (_buffer[_at] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return _buffer[_at];
                }

                Read();
            }

            return -1;
        }

        public void SkipPreamble()
        {
            var preamble = Encoding.UTF8.Preamble;
            while (_end - _at < preamble.Length && FillMore())
            {
            }

            if (_buffer.AsSpan(_at, _end - _at).StartsWith(preamble))
            {
                _at += preamble.Length;
            }
        }

        private bool Fill()
        {
            (_at, _end) = (0, stream.Read(_buffer));
            return _end > 0;
        }

        /// <summary>Appends to what is buffered (only at the start, before anything was consumed).</summary>
        private bool FillMore()
        {
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            _end += read;
            return read > 0;
        }
    }
}
