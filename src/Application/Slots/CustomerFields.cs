using FluentValidation;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots;

/// <summary>
/// A request that names the customer as a booking does (a booking, a place in a waitlist): a customer's own come from
/// their token (<see cref="Common.Security.Access.CustomerFor(Common.Security.Actor, ICustomerFields)"/>).
/// </summary>
public interface ICustomerFields
{
    string? CustomerId { get; }

    string? CustomerEmail { get; }

    string? CustomerName { get; }

    string? Timezone { get; }
}

/// <summary>The customer fields' rules, each checked only when given (a customer's own come from their token).</summary>
public sealed class CustomerFieldsValidator : AbstractValidator<ICustomerFields>
{
    public CustomerFieldsValidator()
    {
        RuleFor(c => c.CustomerId).ValidId().When(c => c.CustomerId is not null);
        RuleFor(c => c.CustomerEmail).ValidEmail().When(c => c.CustomerEmail is not null);
        RuleFor(c => c.CustomerName).NotEmpty().MaximumLength(SlotLimits.MaxNameLength)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("'Customer Name' must not be blank.")
            .PlainText()
            .When(c => c.CustomerName is not null);
        RuleFor(c => c.Timezone).ZoneText().When(c => c.Timezone is not null);
    }
}
