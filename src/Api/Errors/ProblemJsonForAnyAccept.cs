namespace Slots.Api.Errors;

/// <summary>
/// The framework's problem writer stays silent when the client's <c>Accept</c> header leaves out JSON
/// (<c>text/html</c>, <c>application/xml</c>), which would leave a bare status or a text/plain page. This API
/// speaks nothing but JSON, so such clients get <c>application/problem+json</c> too: registered after the
/// default writer, it takes what that one declines and hands it back to it to write.
/// </summary>
public sealed class ProblemJsonForAnyAccept : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context) =>
        context.HttpContext.RequestServices.GetServices<IProblemDetailsWriter>()
            .First(writer => writer is not ProblemJsonForAnyAccept)
            .WriteAsync(context);
}
