using Instrumentation.Generators.Tests.TestSupport;
using Instrumentation.Testing;

namespace Instrumentation.Generators.Tests;

/// <summary>Attributes on a base class, or on a base method the registered class overrides or inherits, apply to the registered class.</summary>
public sealed class BaseClassAttributeTests
{
    [Fact]
    public void MarkedVirtualBaseMethod_OverriddenWithoutAttribute_IsRecordedForTheDerivedClass()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop;
            public interface IOrders { int Place(int id); int Count(); }
            public abstract class OrdersBase : IOrders
            {
                [Counted] public virtual int Place(int id) => id;
                public abstract int Count();
            }
            public sealed class Orders : OrdersBase
            {
                public override int Place(int id) => id * 2;
                public override int Count() => 3;
            }
            public static class Use
            {
                public static int Call(Instrumentation.MetricFactory factory)
                {
                    IOrders orders = new Orders_InstrumentedDecorator(new Orders(), factory);
                    return orders.Place(21) + orders.Count();
                }
            }
            """);

        output.Diagnostics.Should().BeEmpty();
        output.Sources.Keys.Should().Equal("Shop.Orders_InstrumentedDecorator.g.cs");
        using var factory = new MetricFactory();

        var result = GeneratorHarness.Load(output).GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be(45);
        factory.GetValue("method_calls_total", "Orders", "Place", "success", "none").Should().Be(1);
        var count = () => factory.GetValue("method_calls_total", "Orders", "Count", "success", "none");
        count.Should().Throw<MetricsAssertionException>("Count is not marked anywhere");
    }

    [Fact]
    public void MarkedBaseClass_AppliesToTheMethodsADerivedClassInherits()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop;
            public interface IOrders { int Place(int id); }
            [Timed]
            public class OrdersBase : IOrders
            {
                public virtual int Place(int id) => id;
            }
            public sealed class Orders : OrdersBase
            {
            }
            public static class Use
            {
                public static int Call(Instrumentation.MetricFactory factory)
                {
                    IOrders orders = new Orders_InstrumentedDecorator(new Orders(), factory);
                    IOrders baseOrders = new OrdersBase_InstrumentedDecorator(new OrdersBase(), factory);
                    return orders.Place(1) + baseOrders.Place(2);
                }
            }
            """);

        output.Diagnostics.Select(d => d.Id).Should().OnlyContain(id => id == "INSTR007", "both classes would get AddInstrumentedIOrders");
        using var factory = new MetricFactory();

        var result = GeneratorHarness.Load(output).GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be(3);
        factory.GetHistogram("method_duration_seconds", "Orders", "Place", "none").Count.Should().Be(1);
        factory.GetHistogram("method_duration_seconds", "OrdersBase", "Place", "none").Count.Should().Be(1);
    }

    [Fact]
    public void DerivedClassOwnAttribute_WinsOverTheBaseMethods()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop;
            public interface IOrders { int Place(int id); }
            public abstract class OrdersBase : IOrders
            {
                [Counted("base_calls", "Base")] public virtual int Place(int id) => id;
            }
            public sealed class Orders : OrdersBase
            {
                [Counted("derived_calls", "Derived")] public override int Place(int id) => id;
            }
            """);

        output.Diagnostics.Should().BeEmpty();
        output.Sources.Values.Single().Should().Contain("new global::Instrumentation.CountedAttribute(\"derived_calls\", \"Derived\")")
            .And.NotContain("base_calls");
        GeneratorHarness.Load(output).Should().NotBeNull();
    }
}
