namespace Instrumentation.AspNetCore.Tests.HttpMetrics;

/// <summary>
/// Runs its tests alone: ASP.NET Core's <c>Microsoft.AspNetCore.Hosting</c> meter has the same name in every
/// app of the process, and the foreign-meter bridge listens by name, so another test's requests to
/// <c>/metrics</c> or <c>/healthz</c> would show in these tests' scrapes; and when another test's app
/// stops, its meter of the same name goes away, and these tests' <c>http_server_*</c> series can go with it.
/// </summary>
[CollectionDefinition(nameof(SharedHttpServerMeter), DisableParallelization = true)]
public sealed class SharedHttpServerMeter;
