using Handlers;
using Instrumentation.Security;
using Microsoft.AspNetCore.Authentication;

var builder = WebApplication.CreateBuilder(args);
builder.AddMetrics();                                     // also applies the handlers' [Timed] and [Counted], after authorization
builder.Services.AddOptions<HandlerUserOptions>()
    .BindConfiguration(HandlerUserOptions.SectionName)
    .Validate(
        user => user.Username.Length > 0 && PasswordHash.IsSupported(user.PasswordHash),
        $"{HandlerUserOptions.SectionName} needs a Username and a PasswordHash (sha512-crypt or PBKDF2, never the password)")
    .ValidateOnStart();
builder.Services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization();
builder.Services.AddSingleton<InstanceSettings>();
builder.Services.AddSingleton<ResponseCache>();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapMetrics();                                         // the app's one /metrics, handlers' metrics included

app.MapGet("/instances", InstanceHandlers.Get);
app.MapPut("/instances", InstanceHandlers.Put);
app.MapPost("/cache/purge", CacheHandlers.Purge);

await app.RunAsync();
