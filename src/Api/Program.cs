using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Slots.Api.Endpoints;
using Slots.Api.Errors;
using Slots.Api.Events;
using Slots.Api.Health;
using Slots.Api.Http;
using Slots.Api.Import;
using Slots.Api.Notifications;
using Slots.Api.OpenApi;
using Slots.Api.Security;
using Slots.Api.Telemetry;
using Slots.Api.Web;
using Slots.Api.Webhooks;
using Slots.Application;
using Slots.Application.Common.Behaviors;
using Slots.Application.Common.Idempotency;
using Slots.Application.Common.Json;
using Slots.Application.Common.Waits;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.CreateSlot;
using Slots.Application.Slots.PlaceHold;
using Slots.Infrastructure;
using Slots.Infrastructure.Events;
using Slots.Infrastructure.Notifications;
using Slots.Infrastructure.Persistence;
using Slots.Infrastructure.Persistence.Replicas;
using Slots.Infrastructure.Webhooks;

var builder = WebApplication.CreateBuilder(args);

var waits = builder.Configuration.GetSection("Slots:Waits");
var bookings = builder.Configuration.GetSection("Slots:Bookings");
var holds = builder.Configuration.GetSection("Slots:Holds");
builder.Services.AddApplication(
    new WaitLimits(
        waits.GetValue("RequestBudget", WaitLimits.Default.RequestBudget),
        waits.GetValue("SlotQueueLength", WaitLimits.Default.SlotQueueLength),
        waits.GetValue("BookingGroupSize", WaitLimits.Default.BookingGroupSize)),
    new BookingLimits(
        bookings.GetValue("MaxLivePerCustomer", BookingLimits.Default.PerCustomer),
        bookings.GetValue("MaxLivePerCustomerWithSpecialist", BookingLimits.Default.PerCustomerWithSpecialist)),
    new HoldSettings(
        holds.GetValue("Minutes", HoldSettings.Default.Minutes),
        holds.GetValue("SweepSeconds", (int)HoldSettings.Default.SweepInterval.TotalSeconds)));
builder.Services.AddInfrastructure(
    builder.Configuration.GetConnectionString("Slots")
    ?? throw new InvalidOperationException("Set ConnectionStrings:Slots (./slots run does it for you)."),
    builder.Configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions(),
    KeyRingCertificate.Load(builder.Configuration, builder.Environment),
    builder.Configuration.GetSection(EventOptions.Section).Get<EventOptions>(),
    builder.Configuration.GetSection(MailOptions.Section).Get<MailOptions>(),
    builder.Configuration.GetSection(SeatStreamOptions.Section).Get<SeatStreamOptions>(),
    builder.Configuration.GetSection(ReplicaOptions.Section).Get<ReplicaOptions>());
builder.Services.AddMediator((MediatorOptions options) =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.Assemblies = [typeof(CreateSlotCommand)];
    options.PipelineBehaviors =
    [
        typeof(TimeBudgetBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>),
        typeof(BookingGroupBehavior<,>), typeof(SlotQueueBehavior<,>), typeof(BookingGroupRunBehavior<,>),
        typeof(UnitOfWorkBehavior<,>), typeof(IdempotencyBehavior<,>),
    ];
});
builder.Services.AddSlotsAuthentication(builder.Configuration);
builder.Services.AddSlotsRateLimits();
builder.Services.AddSlotsCrossOrigin(builder.Configuration);
builder.Services.AddSlotsForwardedHeaders(builder.Configuration);
builder.Services.AddSlotsTelemetry(builder.Configuration, tracing => tracing.AddNpgsql());
builder.AddSlotsLogging();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Slots:MaxRequestBodyBytes", 64 * 1024);
    // Connections beyond this are closed as they arrive: a flood of idle ones cannot take the process's sockets.
    kestrel.Limits.MaxConcurrentConnections = builder.Configuration.GetValue<long>("Slots:MaxConnections", 5_000);
});
builder.Services.AddOutputCache();

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDefaults.Apply);
builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonForAnyAccept>();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(options => WireJson.Configure(options.SerializerOptions));
builder.Services.AddOpenApi(options => options.AddSlotsContract());

var app = builder.Build();

// "migrate" (./slots migrate): apply the migrations and exit, without serving; or apply them on start-up when asked.
var migrateOnly = args.Contains("migrate", StringComparer.Ordinal);
if (migrateOnly || app.Configuration.GetValue<bool>("Slots:MigrateOnStartup"))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<SlotsDbContext>().Database.MigrateAsync();
    if (migrateOnly)
    {
        return;
    }
}

// "import FILE [--apply]" (./slots import): the migration import, without serving.
if (args.Length > 0 && args[0] == ImportCommand.Name)
{
    Environment.ExitCode = await ImportCommand.RunAsync(app.Services, app.Configuration, args);
    return;
}

app.UseRequestLoad();
app.UseSlotsForwardedHeaders();
app.UseSlotsRequestLog();
// Outside the error handler: a request that left database work running has its answer sent before it waits for that work.
app.UseLateWork();
app.UseExceptionHandler();
app.UseStatusCodePages();
// A page on an allowed origin: its preflight answered here, before sign-in and the budgets; its answers marked.
app.UseCors();
app.UseReadAfter();
app.UseAuthentication();
app.UseSlotsRateLimits();
app.UseAuthorization();
app.UseContractCaching();
app.UseOutputCache();
// One document, at a fixed path: any other name is a 404 problem like every other unknown path (the default
// "/openapi/{documentName}.json" answered an unknown name with a plain-text 404). Built once (ContractCaching), and
// like the reference and the health checks, limited per client address: they answer anyone.
app.MapOpenApi(ContractCaching.DocumentPath).CacheOutput(policy => policy.Expire(TimeSpan.FromDays(365))).RequireRateLimiting(RateLimits.PublicDocuments);
app.UseApiReferencePolicy();
app.MapApiReference();
app.MapHealth();
app.MapConsultingSlots();
app.MapEvents();
app.MapWebhooks();
app.MapCustomers();
app.MapNotifications();
app.MapDevSignIn();
app.MapFavicon();
app.UseWebUi();

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
