using Instrumentation.Generators.Tests.TestSupport;
using Instrumentation.Testing;

namespace Instrumentation.Generators.Tests;

/// <summary>The decorator keeps every nullable annotation, so it compiles without a warning under the user's nullable settings.</summary>
public sealed class NullableAnnotationTests
{
    [Fact]
    public void NullableParametersResultsAndTypeParameters_CompileWithoutWarnings_AndForwardNulls()
    {
        var output = GeneratorHarness.Run("""
            #nullable enable
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Instrumentation;
            namespace Shop;
            public interface IShelf
            {
                string? Find(string? key);
                T? FirstOrDefault<T>(IReadOnlyList<T> items);
                Task<string?> LoadAsync(string? key);
                void Put(string key, List<string?>? values = null);
            }
            [Counted]
            public sealed class Shelf : IShelf
            {
                public string? Find(string? key) => key is null ? null : key + "!";
                public T? FirstOrDefault<T>(IReadOnlyList<T> items) => items.Count == 0 ? default : items[0];
                public Task<string?> LoadAsync(string? key) => Task.FromResult<string?>(key);
                public void Put(string key, List<string?>? values = null) { }
            }
            public static class Use
            {
                public static string Call(Instrumentation.MetricFactory factory)
                {
                    IShelf shelf = new Shelf_InstrumentedDecorator(new Shelf(), factory);
                    shelf.Put("k");
                    return $"{shelf.Find(null) ?? "null"} {shelf.Find("a")} {shelf.FirstOrDefault(new string[0]) ?? "none"} {shelf.FirstOrDefault(new[] { 4 })} {shelf.LoadAsync(null).Result ?? "null"}";
                }
            }
            """);

        output.Diagnostics.Should().BeEmpty();
        using var factory = new MetricFactory();

        var result = GeneratorHarness.Load(output).GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be("null a! none 4 null");
        factory.GetValue("method_calls_total", "Shelf", "Find", "success", "none").Should().Be(2);
        factory.GetValue("method_calls_total", "Shelf", "FirstOrDefault", "success", "none").Should().Be(2);
        factory.GetValue("method_calls_total", "Shelf", "Put", "success", "none").Should().Be(1);
    }
}
