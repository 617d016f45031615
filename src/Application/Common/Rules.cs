using FluentValidation;

namespace Slots.Application.Common;

/// <summary>Validation rules that several requests share.</summary>
public static class Rules
{
    public const int MaxEmailLength = 254;
    public const int MaxIdLength = 128;
    public const int MaxNameLength = 200;

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(MaxEmailLength).EmailAddress().SingleLine();

    public static IRuleBuilderOptions<T, string?> ValidId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(MaxIdLength).SingleLine();

    /// <summary>
    /// No control characters: every text field is one line, and PostgreSQL cannot store U+0000 at all
    /// (it would fail the insert with a 500 instead of a 400).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsSingleLine).WithMessage("'{PropertyName}' must not contain control characters.");

    /// <summary>The <see cref="SingleLine{T}"/> rule, for text that arrives outside a request body (token claims).</summary>
    public static bool IsSingleLine(string? text) => text is null || !text.Any(char.IsControl);

    public static IRuleBuilderOptions<T, string?> LocalDate<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(LocalFormats.IsDate).WithMessage("'{PropertyName}' must be a date in the form YYYY-MM-DD.");

    public static IRuleBuilderOptions<T, string?> LocalTime<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(LocalFormats.IsTime).WithMessage("'{PropertyName}' must be a 24-hour time in the form HH:mm.");

    public static IRuleBuilderOptions<T, int?> PageLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Paging.MaxLimit);

    public static IRuleBuilderOptions<T, string?> PageCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || Paging.TryDecodeCursor(c, out _)).WithMessage("'{PropertyName}' is not a valid cursor.");
}
