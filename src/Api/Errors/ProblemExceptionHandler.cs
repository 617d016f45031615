using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Slots.Api.Security;
using Slots.Application.Common;
using Slots.Application.Common.Idempotency;
using Slots.Application.Common.Json;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;
using Slots.Domain.Common;

namespace Slots.Api.Errors;

/// <summary>
/// The one place that turns an exception into an error response, always <c>application/problem+json</c>:
/// 400 with an <c>errors</c> map; 401 (with <c>WWW-Authenticate</c>), 403, 404 and 409 with a stable
/// <c>code</c>; 413; 429 and 503 with <c>Retry-After</c>; and a 500 that says nothing about internals.
/// </summary>
public sealed class ProblemExceptionHandler(
    IProblemDetailsService problems, IDatabaseFailures database, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return true; // The client left; nobody is there to read an answer.
        }

        var problem = exception switch
        {
            ValidationException validation => Validation(validation),
            DomainException domain => Domain(domain),
            AccessDeniedException denied => Denied(context, denied),
            TooManyRequestsException tooMany => TooMany(context, tooMany),
            IdempotencyKeyReusedException reused => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The idempotency key was used for another request.",
                Detail = reused.Message,
                Extensions = { ["code"] = "idempotency_key_reused" },
            },
            ServiceBusyException busy => Busy(context, busy),
            BrokenCircuitException broken => Unavailable(context, broken, broken.RetryAfter),
            BadHttpRequestException badRequest => BadRequest(context, badRequest),
            _ when database.IsUnavailable(exception) => Unavailable(context, exception, null),
            // Cancelled while the client is still there: the request's budget ran out somewhere it surfaced wrapped.
            _ when IsCancellation(exception) => Busy(context, new ServiceBusyException(
                "time_budget_exceeded", "The request could not be completed in time; try again shortly.",
                TimeSpan.FromSeconds(1), exception)),
            _ => Unexpected(exception),
        };

        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (context.RequestServices.GetService<LateWork>() is { Any: true })
        {
            // The request's scope stays busy with work it left running (LateWork.AllDoneAsync): a next request on this
            // connection would wait for that, so the client opens another.
            context.Response.Headers.Connection = "close";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Validation(ValidationException exception)
    {
        var errors = exception.Errors
            // Each step of a path such as windows[0].StartTime, as the body spells it; a header (Idempotency-Key) as HTTP does.
            .GroupBy(e => e.PropertyName.Contains('-', StringComparison.Ordinal)
                ? e.PropertyName
                : string.Join('.', e.PropertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName)))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = string.Join(" ", errors.SelectMany(e => e.Value)),
            Extensions = { ["code"] = "validation_failed" },
        };
    }

    private static ProblemDetails Domain(DomainException exception)
    {
        var (status, title) = exception.Kind switch
        {
            DomainErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found."),
            DomainErrorKind.Conflict => (StatusCodes.Status409Conflict, "The current state does not allow this."),
            DomainErrorKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "The slot has changed since it was read."),
            DomainErrorKind.Gone => (StatusCodes.Status410Gone, "Gone for good."),
            _ => (StatusCodes.Status400BadRequest, "The request is invalid."),
        };
        var problem = exception.Kind == DomainErrorKind.Invalid
            ? new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                [exception.Target ?? "body"] = [exception.Message],
            })
            : new ProblemDetails();
        problem.Status = status;
        problem.Title = title;
        problem.Detail = exception.Message;
        problem.Extensions["code"] = exception.Code;
        if (status == StatusCodes.Status409Conflict)
        {
            SlotsMetrics.Conflicts.Add(1, new KeyValuePair<string, object?>("code", exception.Code));
        }
        return problem;
    }

    private static ProblemDetails Denied(HttpContext context, AccessDeniedException exception)
    {
        if (exception.Unauthenticated)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return new ProblemDetails
        {
            Status = exception.Unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden,
            Title = exception.Unauthenticated ? "Sign-in required." : "Not allowed.",
            Detail = exception.Message,
            Extensions = { ["code"] = exception.Code },
        };
    }

    private static ProblemDetails TooMany(HttpContext context, TooManyRequestsException exception)
    {
        var seconds = SetRetryAfter(context, exception.RetryAfter);
        return new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Type = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
            Title = "Too many requests.",
            Detail = $"{exception.Message} Try again in {seconds} s.",
            Extensions = { ["code"] = "rate_limited" },
        };
    }

    private ProblemDetails BadRequest(HttpContext context, BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonChoiceException choice)
        {
            // A value outside a field's fixed set is the client's to correct, like any rule the validators check.
            var name = RequestErrors.FieldOf(choice);
            return Validation(new ValidationException([new FluentValidation.Results.ValidationFailure(name, $"'{name}' {choice.Message}")]));
        }

        // Malformed JSON, wrong types, unknown fields, unreadable query values: the client's fault.
        var (field, detail) = RequestErrors.Describe(context, exception, json.Value.SerializerOptions);
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
        {
            Status = exception.StatusCode,
            Title = exception.StatusCode == StatusCodes.Status400BadRequest ? "The request is invalid." : "The request cannot be processed.",
            Detail = detail,
            Extensions = { ["code"] = ProblemCodes.ForFrameworkStatus(exception.StatusCode) ?? "bad_request" },
        };
    }

    private ProblemDetails Busy(HttpContext context, ServiceBusyException exception)
    {
        logger.LogWarning("Answered 503 {Code}: {Message}", exception.Code, exception.Message);
        SetRetryAfter(context, exception.RetryAfter);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The service is busy.",
            Detail = exception.Message,
            Extensions = { ["code"] = exception.Code },
        };
    }

    /// <summary>Sets <c>Retry-After</c> in whole seconds, at least one (<see cref="RetryAfterSeconds"/> when unknown).</summary>
    private static int SetRetryAfter(HttpContext context, TimeSpan? wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait?.TotalSeconds ?? RetryAfterSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return seconds;
    }

    private static bool IsCancellation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }

    private ProblemDetails Unavailable(HttpContext context, Exception exception, TimeSpan? retryAfter)
    {
        // While the circuit is open every request lands here; its opening was logged once, with the failures behind it.
        if (exception is not BrokenCircuitException)
        {
            logger.LogWarning(exception, "Database unavailable");
        }

        SetRetryAfter(context, retryAfter);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The service is temporarily unavailable.",
            Detail = "The database cannot be reached right now; try again shortly.",
            Extensions = { ["code"] = "database_unavailable" },
        };
    }

    private ProblemDetails Unexpected(Exception exception)
    {
        logger.LogError(exception, "Unhandled exception");
        return new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "An unexpected error occurred.",
            Detail = "The error has been logged.",
            Extensions = { ["code"] = ProblemCodes.InternalError },
        };
    }
}
