using FluentValidation;
using FluentValidation.Results;
using Slots.Application.Slots;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Common.Security;

/// <summary>
/// Whose slot and whose booking: the checks handlers make against the loaded slot. A slot the caller may
/// not manage answers exactly like a missing one (404 <c>slot_not_found</c>), so ids of other specialists'
/// slots cannot be probed; naming someone else as yourself (a body's email, a path's customer id) is 403
/// <c>not_yourself</c>.
/// </summary>
public static class Access
{
    /// <summary>The signed-in caller; 401 when there is none.</summary>
    public static Actor Require(this ICurrentUser user) =>
        user.Actor ?? throw new AccessDeniedException("unauthenticated", "This needs a bearer token.", unauthenticated: true);

    /// <summary>
    /// 403 unless the actor is an admin, holds one of <paramref name="allowed"/>, or is a service with
    /// <paramref name="scope"/> (<c>scope_missing</c> when it is a service without it).
    /// </summary>
    public static void EnsureRole(this Actor actor, IReadOnlySet<Role> allowed, ServiceScope? scope = null)
    {
        if (actor.IsAdmin || allowed.Overlaps(actor.Roles) || (scope is { } needed && actor.May(needed)))
        {
            return;
        }

        if (actor.Has(Role.Service) && scope is { } missing)
        {
            throw new AccessDeniedException("scope_missing", $"This needs the {ServiceScopes.Names[missing]} scope.");
        }

        var names = string.Join(" or ", allowed.Append(Role.Admin).Select(r => r.ToString().ToLowerInvariant()));
        throw new AccessDeniedException("role_not_allowed", $"This needs the {names} role{(scope is { } s ? $", or a service's {ServiceScopes.Names[s]} scope" : "")}.");
    }

    /// <summary>The slot as the actor may see it; a slot of another specialist is "not found".</summary>
    public static Slot EnsureManages(this Actor actor, Slot slot)
    {
        if (!actor.Manages(slot))
        {
            throw SlotErrors.NotFound(slot.Id);
        }

        return slot;
    }

    /// <summary>
    /// 403 unless the actor is an admin or a specialist asking for their own email's schedule. What the list then
    /// holds is narrowed to the slots the actor owns (<see cref="Actor.OwnerFilter"/>): the email only addresses it.
    /// </summary>
    public static void EnsureManagesSchedule(this Actor actor, string specialistEmail)
    {
        if (!actor.IsAdmin && (!actor.Has(Role.Specialist) || actor.Email != EmailAddress.Normalize(specialistEmail)))
        {
            throw NotYourself($"You may see only your own slots ({actor.Email}).");
        }
    }

    /// <summary>
    /// Who owns the slot a create makes: a specialist themselves (the body may repeat their email and id, not
    /// name another); an admin names the specialist's email and id (their subject at the admin's issuer).
    /// A specialist whose token says the email is unverified may not publish under it.
    /// </summary>
    public static Specialist SpecialistFor(this Actor actor, string? email, string? id)
    {
        if (actor.IsAdmin)
        {
            EnsureAdminNamed("specialist", ("specialistEmail", email), ("specialistId", id));
            return new Specialist(actor.Issuer, id!, email!);
        }

        if ((email is not null && EmailAddress.Normalize(email) != actor.Email) || (id is not null && id != actor.Subject))
        {
            throw NotYourself($"You may create slots only for yourself ({actor.Email}).");
        }

        if (!actor.EmailVerified)
        {
            throw new AccessDeniedException(
                "email_not_verified", "Your identity provider has not verified your email address; verify it before publishing slots.");
        }

        return new Specialist(actor.Issuer, actor.Subject, actor.Email!);
    }

    /// <summary>
    /// Who books: a customer is the token's subject (the body may repeat their id and email, not name
    /// another; the name defaults to the token's); an admin must name the customer in full.
    /// </summary>
    public static Customer CustomerFor(this Actor actor, string? id, string? email, string? name)
    {
        if (actor.ActsForCustomers)
        {
            EnsureAdminNamed("customer", ("customerId", id), ("customerEmail", email), ("customerName", name));
            return new Customer(id!, email!, name!);
        }

        actor.EnsureBooksAsThemselves(id, email);
        return new Customer(actor.Subject, actor.Email!, name ?? actor.Name ?? actor.Email!);
    }

    /// <summary>
    /// <see cref="CustomerFor(Actor, string?, string?, string?)"/> for a request's customer fields, with the IANA zone they
    /// gave (their mail tells times in it too).
    /// </summary>
    public static Customer CustomerFor(this Actor actor, ICustomerFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return actor.CustomerFor(fields.CustomerId, fields.CustomerEmail, fields.CustomerName) with
        {
            Timezone = fields.Timezone is null ? null : SlotTime.IanaZone(fields.Timezone),
        };
    }

    /// <summary>403 unless a customer's booking names nobody but themselves (an admin names anyone).</summary>
    public static void EnsureBooksAsThemselves(this Actor actor, string? id, string? email)
    {
        if (!actor.ActsForCustomers
            && ((id is not null && id != actor.Subject) || (email is not null && EmailAddress.Normalize(email) != actor.Email)))
        {
            throw NotYourself("You may book only as yourself.");
        }
    }

    /// <summary>
    /// Checked before the slot is queued for or loaded: a caller who can only act as a customer may cancel only
    /// their own booking.
    /// </summary>
    public static void EnsureMayCancelFor(this Actor actor, string customerId)
    {
        if (!actor.ActsForCustomers && !actor.Has(Role.Specialist) && customerId != actor.Subject)
        {
            throw NotYourself("You may cancel only your own booking.");
        }
    }

    /// <summary>
    /// Checked on the loaded slot: its specialist, an admin, or the customer themselves may cancel (or a service acting for
    /// customers). Says who the cancellation is by: the policy binds a customer and a service, not the specialist or an admin.
    /// </summary>
    public static CancelledBy EnsureMayCancel(this Actor actor, Slot slot, string customerId)
    {
        if (actor.IsAdmin)
        {
            return CancelledBy.Admin;
        }

        if (actor.Manages(slot))
        {
            return CancelledBy.Specialist;
        }

        if (actor.ActsForCustomers)
        {
            return CancelledBy.Service;
        }

        if (actor.Has(Role.Customer) && customerId == actor.Subject)
        {
            return CancelledBy.Customer;
        }

        if (actor.Has(Role.Customer))
        {
            throw NotYourself("You may cancel only your own booking.");
        }

        throw SlotErrors.NotFound(slot.Id);
    }

    private static AccessDeniedException NotYourself(string message) => new("not_yourself", message);

    /// <summary>400 naming every field an admin left out: an admin has no identity of its own to fall back on.</summary>
    private static void EnsureAdminNamed(string whom, params (string Field, string? Value)[] fields)
    {
        var missing = fields.Where(f => f.Value is null).ToList();
        if (missing.Count > 0)
        {
            throw new ValidationException(missing.Select(f =>
                new ValidationFailure(f.Field, $"An admin must name the {whom}: '{f.Field}' is required.")));
        }
    }
}
