using Instrumentation.Generators.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.Generators.Tests;

/// <summary>Every decorator and registration method gets a name of its own: clashes are resolved and reported, never dropped.</summary>
public sealed class RegistrationNameTests
{
    [Fact]
    public void SameClassNameInTwoNamespaces_GetsOneDecoratorEach_BothUsable()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop { public interface IOrders { int Place(int id); } [Counted] public class Orders : IOrders { public int Place(int id) => id; } }
            namespace Admin { public interface IOrders { int Place(int id); } [Counted] public class Orders : IOrders { public int Place(int id) => -id; } }
            namespace App
            {
                public static class Use
                {
                    public static int Call(Instrumentation.MetricFactory factory)
                    {
                        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
                        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, factory);
                        Shop.Orders_InstrumentedDecoratorServiceCollectionExtensions.AddInstrumentedIOrders(services);
                        Admin.Orders_InstrumentedDecoratorServiceCollectionExtensions.AddInstrumentedIOrders(services);
                        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
                        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(provider);
                        var shop = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Shop.IOrders>(scope.ServiceProvider);
                        var admin = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Admin.IOrders>(scope.ServiceProvider);
                        return shop.Place(5) + admin.Place(2);
                    }
                }
            }
            """);

        output.Diagnostics.Should().BeEmpty();
        output.Sources.Keys.Should().BeEquivalentTo("Shop.Orders_InstrumentedDecorator.g.cs", "Admin.Orders_InstrumentedDecorator.g.cs");
        using var factory = new MetricFactory();

        var result = GeneratorHarness.Load(output).GetType("App.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be(3);
        factory.GetValue("method_calls_total", "Orders", "Place", "success", "none").Should().Be(2, "both share the class label Orders");
    }

    [Fact]
    public void TwoClassesImplementingOneInterface_GetRegistrationMethodsNamedForEachClass_AndInstr007SaysSo()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            using Microsoft.Extensions.DependencyInjection;
            namespace Shop;
            public interface IOrders { int Place(int id); }
            [Counted] public class Orders : IOrders { public int Place(int id) => id; }
            [Counted] public class FastOrders : IOrders { public int Place(int id) => id * 10; }
            public static class Use
            {
                public static int Call(Instrumentation.MetricFactory factory)
                {
                    var services = new ServiceCollection().AddSingleton(factory).AddInstrumentedIOrdersForFastOrders();
                    using var provider = services.BuildServiceProvider();
                    using var scope = provider.CreateScope();
                    return scope.ServiceProvider.GetRequiredService<IOrders>().Place(4);
                }
                public static void Other(IServiceCollection services) => services.AddInstrumentedIOrdersForOrders();
            }
            """);

        output.DiagnosticIds.Should().Equal("INSTR007", "INSTR007");
        output.Diagnostics.Select(d => d.Severity).Should().OnlyContain(s => s == Microsoft.CodeAnalysis.DiagnosticSeverity.Info);
        output.Diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().Contain("AddInstrumentedIOrdersFor");
        using var factory = new MetricFactory();

        var result = GeneratorHarness.Load(output).GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be(40);
        factory.GetValue("method_calls_total", "FastOrders", "Place", "success", "none").Should().Be(1);
    }

    [Fact]
    public void OneClassImplementingTwoInterfacesOfTheSameName_GetsTwoDistinctDecorators()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop
            {
                public interface IOrders { int Place(int id); }
                [Counted]
                public class Orders : IOrders, Admin.IOrders
                {
                    public int Place(int id) => id;
                    int Admin.IOrders.Cancel(int id) => -id;
                }
                public static class Use
                {
                    public static int Call(Instrumentation.MetricFactory factory)
                    {
                        IOrders shop = new Orders_Shop_IOrders_InstrumentedDecorator(new Orders(), factory);
                        Admin.IOrders admin = new Orders_Admin_IOrders_InstrumentedDecorator(new Orders(), factory);
                        return shop.Place(5) + admin.Cancel(2);
                    }
                    public static void Register(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                        Orders_Admin_IOrders_InstrumentedDecoratorServiceCollectionExtensions.AddInstrumentedAdmin_IOrders(
                            Orders_Shop_IOrders_InstrumentedDecoratorServiceCollectionExtensions.AddInstrumentedShop_IOrders(services));
                }
            }
            namespace Admin { public interface IOrders { int Cancel(int id); } }
            """);

        output.Diagnostics.Should().BeEmpty();
        output.Sources.Should().HaveCount(2);
        using var factory = new MetricFactory();

        var result = GeneratorHarness.Load(output).GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be(3);
        factory.GetValue("method_calls_total", "Orders", "Place", "success", "none").Should().Be(1);
        factory.GetValue("method_calls_total", "Orders", "Cancel", "success", "none").Should().Be(1);
    }

    [Fact]
    public void OneClassImplementingAGenericInterfaceTwice_GetsTwoDistinctDecorators()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop;
            public interface IStore<T> { T Load(int id); }
            [Counted]
            public class Store : IStore<string>, IStore<int>
            {
                public string Load(int id) => "item" + id;
                int IStore<int>.Load(int id) => id;
            }
            public static class Use
            {
                public static string Call(Instrumentation.MetricFactory factory)
                {
                    var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
                    Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, factory);
                    services.AddInstrumentedIStoreOfString().AddInstrumentedIStoreOfInt32();
                    using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
                    using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(provider);
                    var text = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IStore<string>>(scope.ServiceProvider);
                    var number = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IStore<int>>(scope.ServiceProvider);
                    return text.Load(1) + number.Load(2);
                }
            }
            """);

        output.Diagnostics.Should().BeEmpty();
        output.Sources.Should().HaveCount(2);
        using var factory = new MetricFactory();

        var result = GeneratorHarness.Load(output).GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be("item12");
        factory.GetValue("method_calls_total", "Store", "Load", "success", "none").Should().Be(2);
    }

    [Fact]
    public void NestedClassesOfTheSameName_GetDecoratorsNamedWithTheirContainingType()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop;
            public interface IOrders { int Place(int id); }
            public static class Retail { [Counted] public class Orders : IOrders { public int Place(int id) => id; } }
            public static class Wholesale { [Counted] public class Orders : IOrders { public int Place(int id) => id * 100; } }
            public static class Use
            {
                public static int Call(Instrumentation.MetricFactory factory) =>
                    ((IOrders)new Retail_Orders_InstrumentedDecorator(new Retail.Orders(), factory)).Place(1)
                    + ((IOrders)new Wholesale_Orders_InstrumentedDecorator(new Wholesale.Orders(), factory)).Place(1);
            }
            """);

        output.DiagnosticIds.Should().Equal("INSTR007", "INSTR007");
        output.Sources.Should().HaveCount(2);
        using var factory = new MetricFactory();

        var result = GeneratorHarness.Load(output).GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be(101);
    }
}
