using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Instrumentation.Benchmarks.Support;

/// <summary>
/// A server that listens nowhere: it keeps the application the host hands it, so a benchmark can send a request
/// through the whole hosting pipeline (ASP.NET Core's activity and meters, then every middleware and the endpoint)
/// with no client, socket or test-server copies in between. What a request allocates is then the app's own doing,
/// plus the few feature objects <see cref="DirectRequest"/> builds, the same for every app.
/// </summary>
internal sealed class DirectServer : IServer
{
    private Func<IFeatureCollection, Task>? _send;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    /// <summary>Runs one request, given as its features, through the application and disposes its context.</summary>
    public Task SendAsync(IFeatureCollection request) =>
        (_send ?? throw new InvalidOperationException("The host has not started this server."))(request);

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _send = new Requests<TContext>(application).SendAsync;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }

    private sealed class Requests<TContext>(IHttpApplication<TContext> application)
        where TContext : notnull
    {
        public Task SendAsync(IFeatureCollection features)
        {
            var context = application.CreateContext(features);
            Task pending;
            try
            {
                pending = application.ProcessRequestAsync(context);
            }
            catch (Exception exception)
            {
                application.DisposeContext(context, exception);
                throw;
            }

            if (pending.IsCompletedSuccessfully)
            {
                application.DisposeContext(context, null);
                return Task.CompletedTask;
            }

            return AwaitAsync(pending, context);
        }

        private async Task AwaitAsync(Task pending, TContext context)
        {
            Exception? failure = null;
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failure = exception;
                throw;
            }
            finally
            {
                application.DisposeContext(context, failure);
            }
        }
    }
}
