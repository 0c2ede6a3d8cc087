using System.Net;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.Authentication;

/// <summary>The standard ASP.NET Core way (an authorization policy on the endpoint) works without the built-in users.</summary>
public sealed class RequireAuthorizationTests
{
    [Theory]
    [InlineData("metrics-reader", HttpStatusCode.OK, 1)]
    [InlineData("visitor", HttpStatusCode.Forbidden, 0)]
    [InlineData(null, HttpStatusCode.Unauthorized, 0)]
    public async Task MapMetrics_RequireAuthorizationWithAPolicy_ServesOnlyWhomThePolicyAllows(string? role, HttpStatusCode expected, int collections)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        using var source = new CountingMetricsSource();
        builder.Services.AddSingleton<Collection.IMetricsSource>(source);
        builder.AddMetrics();
        builder.Services.AddAuthentication(RoleHeaderAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, RoleHeaderAuthenticationHandler>(RoleHeaderAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy("metrics-readers", policy => policy.RequireRole("metrics-reader"));
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapMetrics().RequireAuthorization("metrics-readers");
        await app.StartAsync();
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (role is not null)
        {
            request.Headers.Add("X-Test-Role", role);
        }

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(expected);
        source.Collections.Should().Be(collections);
    }
}
