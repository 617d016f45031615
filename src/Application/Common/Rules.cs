using System.Globalization;
using System.Text;
using FluentValidation;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Common;

/// <summary>Validation rules that several requests share; the limits come from <see cref="SlotLimits"/>.</summary>
public static class Rules
{
    /// <summary>
    /// A request's whole body, which the command carries as one property: its fields are named as the client wrote them
    /// (<c>displayName</c>, <c>services[0].title</c>), not under the command's property; no body at all is <c>body</c>.
    /// </summary>
    public static void ValidBody<T, TBody>(this IRuleBuilderInitial<T, T> rule, Func<T, TBody?> bodyOf, IValidator<TBody> validator)
        where TBody : class =>
        rule.Custom((command, context) =>
        {
            var body = bodyOf(command);
            if (body is null)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure("body", "The request needs a body."));
                return;
            }

            foreach (var failure in validator.Validate(body).Errors)
            {
                context.AddFailure(failure);
            }
        });

    private static readonly string SupportedDates =
        $"{SlotLimits.EarliestDate.ToString(LocalFormats.Date, CultureInfo.InvariantCulture)} "
        + $"and {SlotLimits.LatestDate.ToString(LocalFormats.Date, CultureInfo.InvariantCulture)}";

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(SlotLimits.MaxEmailLength).Must(EmailAddress.IsValid)
            .WithMessage("'{PropertyName}' must be an email address of printable ASCII characters, like name@example.com.");

    public static IRuleBuilderOptions<T, string?> ValidId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(SlotLimits.MaxIdLength).PlainText();

    /// <summary>
    /// No control characters (every text field is one line, and PostgreSQL cannot store U+0000 at all), no
    /// format characters (bidi overrides, zero-width spaces: text that reads differently from what it holds), and
    /// no half of a surrogate pair (not text at all, and not encodable as UTF-8).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsPlainText)
            .WithMessage("'{PropertyName}' must not contain control or format characters (such as bidi overrides or zero-width spaces).");

    /// <summary>The <see cref="PlainText{T}"/> rule, but for line breaks: text of several lines (an introduction).</summary>
    public static IRuleBuilderOptions<T, string?> Paragraphs<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => IsPlainText(text?.Replace('\r', ' ').Replace('\n', ' ')))
            .WithMessage("'{PropertyName}' must not contain control or format characters other than line breaks.");

    /// <summary>The <see cref="PlainText{T}"/> rule, for text that arrives outside a request body (token claims).</summary>
    public static bool IsPlainText(string? text)
    {
        if (text is null)
        {
            return true;
        }

        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    /// <summary>A <c>YYYY-MM-DD</c> date within the supported window (<see cref="SlotLimits.EarliestDate"/>).</summary>
    public static IRuleBuilderOptions<T, string?> LocalDate<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsSupportedDate).WithMessage($"'{{PropertyName}}' must be a date in the form YYYY-MM-DD between {SupportedDates}.");

    public static bool IsSupportedDate(string? text) => LocalFormats.TryParseDate(text, out var date) && SlotLimits.IsSupported(date);

    /// <summary>A date (already checked to be one) no later than <see cref="SlotLimits.MaxDaysAhead"/> days from today (UTC).</summary>
    public static IRuleBuilderOptions<T, string?> WithinHorizon<T>(this IRuleBuilder<T, string?> rule, TimeProvider clock) =>
        rule.Must(d => LocalFormats.ParseDate(d!) <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(SlotLimits.MaxDaysAhead))
            .WithMessage($"'{{PropertyName}}' must be within {SlotLimits.MaxDaysAhead} days from today.");

    /// <summary>A time zone id as text: present, bounded and plain (whether IANA knows it, the domain decides).</summary>
    public static IRuleBuilderOptions<T, string?> ZoneText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(SlotLimits.MaxTimezoneLength).PlainText();

    public static IRuleBuilderOptions<T, string?> LocalTime<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(LocalFormats.IsTime).WithMessage("'{PropertyName}' must be a 24-hour time in the form HH:mm.");

    public static IRuleBuilderOptions<T, int?> PageLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Paging.MaxLimit);

    public static IRuleBuilderOptions<T, string?> PageCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || Paging.TryDecodeCursor(c, out _)).WithMessage("'{PropertyName}' is not a valid cursor.");
}
