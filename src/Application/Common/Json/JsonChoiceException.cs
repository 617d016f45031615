using System.Text.Json;

namespace Slots.Application.Common.Json;

/// <summary>A request named none of a field's <see cref="Choices"/> (<see cref="ExactEnumConverter{TEnum}"/>).</summary>
public sealed class JsonChoiceException(IReadOnlyList<string> choices)
    : JsonException("must be " + string.Join(" or ", choices.Select(c => $"'{c}'")) + ".")
{
    public IReadOnlyList<string> Choices { get; } = choices;
}
