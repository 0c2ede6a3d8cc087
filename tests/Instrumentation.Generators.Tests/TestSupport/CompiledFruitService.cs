using System.Reflection;
using Instrumentation.Generators.Tests.TestSupport.Services;

namespace Instrumentation.Generators.Tests.TestSupport;

/// <summary>The generated decorator of <see cref="Sources.MarkedFruitService"/>, compiled and loaded once per test class.</summary>
public sealed class CompiledFruitService
{
    public CompiledFruitService()
    {
        Output = GeneratorHarness.Run(Sources.MarkedFruitService);
        Assembly = GeneratorHarness.Load(Output);
    }

    internal GeneratorOutput Output { get; }

    private Assembly Assembly { get; }

    /// <summary>A decorator around <paramref name="inner"/>, recording into <paramref name="factory"/>.</summary>
    public IFruitService Decorate(IFruitService inner, MetricFactory factory) =>
        (IFruitService)Activator.CreateInstance(Assembly.GetType("Orchard.FruitService_InstrumentedDecorator", throwOnError: true)!, inner, factory)!;

    /// <summary>Calls the generated <c>AddInstrumentedIFruitService</c>.</summary>
    public void Register(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Assembly.GetType("Orchard.FruitService_InstrumentedDecoratorServiceCollectionExtensions", throwOnError: true)!
            .GetMethod("AddInstrumentedIFruitService")!
            .Invoke(null, [services, Microsoft.Extensions.DependencyInjection.ServiceLifetime.Scoped]);
}
