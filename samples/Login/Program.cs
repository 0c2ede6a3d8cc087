using Login;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOptions<LoginOptions>().BindConfiguration(LoginOptions.SectionName);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddUserStore(builder.Configuration);     // SQLite, or PostgreSQL with Login:DatabaseProvider
builder.Services.AddSingleton<LoginMetrics>();
builder.Services.AddSingleton<AccountService>();

// AddCollector also calls AddMetrics(): our instruments, ASP.NET Core's HTTP server metrics and the runtime's.
builder.AddCollector<UserCountCollector>(
    builder.Configuration[$"{LoginOptions.SectionName}:{nameof(LoginOptions.UsersRefreshInterval)}"]
    ?? LoginOptions.DefaultUsersRefreshInterval);

// Every request is traced, so the logins it counts and times carry exemplars (its trace and span) in OpenMetrics
// scrapes; /metrics reads ASP.NET Core's meters through this MeterProvider. Add an exporter (OTLP) to WithTracing to
// send the traces to a tracing backend.
builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("login"))
    .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != "/metrics"))
    .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());

var app = builder.Build();
var users = app.Services.GetRequiredService<IUserStore>();
await users.InitializeAsync(CancellationToken.None);     // creates the table; stops here, saying what to fix, if the database is unreachable
if (app.Logger.IsEnabled(LogLevel.Information))
{
    app.Logger.LogInformation("Users in {Location}", users.Location);
}

app.Services.GetRequiredService<LoginMetrics>();          // both counters show 0 from the first scrape

// Shapes ASP.NET Core's request duration: Prometheus' own scrapes of /metrics are not counted (they would fill the
// per-route panels), and requests that matched no route are labelled "unmatched".
app.UseHttpMetrics();
app.MapMetrics();
app.MapAuthEndpoints();
app.MapGet("/", () => Results.Text("Login sample: POST /auth/register, POST /auth/login, GET /users, GET /metrics\n"));

await app.RunAsync();
