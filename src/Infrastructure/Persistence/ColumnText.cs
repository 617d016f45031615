using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// A value of a fixed set (an enum) as the text a column stores: its one spelling, for EF's converter, for the SQL
/// written by hand (<see cref="Sql"/>, <see cref="SqlList"/>) and for the import. Every value has a text, and no two
/// share one.
/// </summary>
internal sealed class ColumnText<T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> _texts;
    private readonly Dictionary<string, T> _values;

    public ColumnText(params (T Value, string Text)[] texts)
    {
        _texts = texts.ToDictionary(t => t.Value, t => t.Text);
        _values = texts.ToDictionary(t => t.Text, t => t.Value, StringComparer.Ordinal);
        if (Enum.GetValues<T>().Any(v => !_texts.ContainsKey(v)))
        {
            throw new ArgumentException($"Every {typeof(T).Name} needs a text.", nameof(texts));
        }

        SqlList = string.Join(", ", Enum.GetValues<T>().Select(Sql));
        Converter = new ValueConverter<T, string>(v => Text(v), t => Parse(t));
    }

    /// <summary>EF's converter for the column.</summary>
    public ValueConverter<T, string> Converter { get; }

    /// <summary>Every value as a quoted SQL literal, in the enum's order: <c>'a', 'b'</c>.</summary>
    public string SqlList { get; }

    public string Text(T value) => _texts[value];

    /// <summary>The value as a quoted SQL literal, for a statement written by hand.</summary>
    public string Sql(T value) => $"'{_texts[value]}'";

    public bool TryParse(string? text, out T value) => _values.TryGetValue(text ?? "", out value);

    public T Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(T).Name} text.");
}
