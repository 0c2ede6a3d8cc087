namespace Instrumentation.AspNetCore.Tests.Docs;

/// <summary>
/// What the documentation's fragments lean on without declaring: compiled next to every snippet. A snippet may
/// use these variables (<c>builder</c>, <c>app</c>, <c>metrics</c>, ...), methods (<c>Work()</c>, ...) and types
/// (<c>Fruit</c>, <c>IQueueClient</c>, ...) as if its surrounding program had them; a snippet that declares one of
/// them itself gets its own (a local shadows the field, a global type wins over the stub namespace's). Our types are
/// written with their full names here, so that a snippet compiles only if the implicit usings make its own names work.
/// </summary>
internal static class DocSnippetStubs
{
    /// <summary>Members of the top-level program's class: what statements in a snippet call or read.</summary>
    public const string Source = """
        #nullable enable
        using System.Runtime.CompilerServices;
        using Microsoft.AspNetCore.Authentication;

        public static partial class Program
        {
            // Variables a fragment continues from.
            static WebApplicationBuilder builder = null!;
            static WebApplication app = null!;
            static global::Instrumentation.MetricFactory metrics = null!;
            static global::Instrumentation.Instruments.Histogram latency = null!;
            static global::Instrumentation.Instruments.Gauge inFlight = null!;
            static global::Instrumentation.Instruments.Counter errors = null!;
            static string text = "";

            // Work a fragment stands for.
            static void Work() { }
            static double ReadQueueLength() => 0;
            static int Parse(string value) => value.Length;
            static Task SaveAsync() => Task.CompletedTask;
            static Task<int> CallAsync() => Task.FromResult(0);
            static void RunImport(global::Instrumentation.MetricFactory factory) { }
        }

        namespace Shop
        {
            // What the generated decorator listing of docs/attributes.md implements.
            public interface IFruitRepository
            {
                Task<DocSnippets.Stubs.Fruit?> FindAsync(string name, CancellationToken cancellationToken);
            }
        }

        namespace DocSnippets.Stubs
        {
            public sealed record Fruit(string Name);

            public interface IQueueClient
            {
                Task<IReadOnlyDictionary<string, double>?> GetDepthsAsync(CancellationToken cancellationToken);
            }

            public sealed class QueueClient : IQueueClient
            {
                public Task<IReadOnlyDictionary<string, double>?> GetDepthsAsync(CancellationToken cancellationToken) =>
                    Task.FromResult<IReadOnlyDictionary<string, double>?>(new Dictionary<string, double>());
            }

            public sealed class QueueCollector : global::Instrumentation.Collectors.IMetricsCollector
            {
                public Task CollectAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public sealed class QuotaCollector : global::Instrumentation.Collectors.IMetricsCollector
            {
                public Task CollectAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public static class FruitHandlers
            {
                [global::Instrumentation.Counted]
                public static string[] List() => [];
            }

            // From the Microsoft.AspNetCore.Authentication.JwtBearer package, which the tests do not reference.
            public static class JwtBearerStubExtensions
            {
                public static AuthenticationBuilder AddJwtBearer(this AuthenticationBuilder builder) => builder;
            }
        }
        """;
}
