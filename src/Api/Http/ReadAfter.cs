using FluentValidation;
using FluentValidation.Results;
using Slots.Application.Common;

namespace Slots.Api.Http;

/// <summary>
/// Read-your-writes while the customers' view may be read from a standby: every answer of a command that committed names
/// its commit in <c>Slots-Read-After</c>, and a read that sends that token back (the view's <c>Slots-Read-After</c> request
/// header) is served only by a node that holds the commit. Sent only when reads may go to a standby
/// (<c>Slots:Replicas</c>); otherwise every read is the primary's and the header would say nothing.
/// </summary>
public static class ReadAfter
{
    public const string Header = "Slots-Read-After";

    /// <summary>The header a read sent, when it has the shape of a token (<see cref="ReadPositions"/>); 400 otherwise.</summary>
    public static string? Checked(string? token) =>
        token is null || ReadPositions.IsValid(token)
            ? token
            : throw new ValidationException(
                [new ValidationFailure(Header, $"'{Header}' must be a token a change's answer gave, such as 16/B374D848.")]);

    /// <summary>Adds the header to each successful answer whose request committed (<see cref="CommitPosition"/>).</summary>
    public static WebApplication UseReadAfter(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                if (context.Response.StatusCode < 400 && context.RequestServices.GetService<CommitPosition>()?.Token is { } token)
                {
                    context.Response.Headers[Header] = token;
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        return app;
    }
}
