using Instrumentation.Generators.Tests.TestSupport;
using Instrumentation.Testing;

namespace Instrumentation.Generators.Tests;

/// <summary>Which attribute applies to which method, and the decorators of marked interfaces.</summary>
public sealed class AttributePlacementTests
{
    [Fact]
    public void OnlyMarkedMethods_AreRecorded_AndTheMethodsOwnAttributeWinsOverTheClasses()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop;
            public interface IOrders { int Place(int id); int Count(); }
            [Counted("orders_calls", "Order calls")]
            public class Orders : IOrders
            {
                [Counted("orders_placed", "Orders placed", FailuresOnly = true)]
                public int Place(int id) => id;
                public int Count() => 0;
            }
            """);

        var source = output.Sources.Values.Single();
        source.Should().Contain("MethodInstruments.Create(factory, \"Orders\", \"Place\", null, new global::Instrumentation.CountedAttribute(\"orders_placed\", \"Orders placed\") { FailuresOnly = true }, null)")
            .And.Contain("MethodInstruments.Create(factory, \"Orders\", \"Count\", null, new global::Instrumentation.CountedAttribute(\"orders_calls\", \"Order calls\"), null)");
        GeneratorHarness.Load(output).Should().NotBeNull();
    }

    [Fact]
    public void AttributeOptions_AreRecreatedExactly()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop;
            public interface IOrders { void Place(int id); }
            public class Orders : IOrders
            {
                [Timed("place_seconds", "Place \"quoted\"", Kind = TimedKind.Summary, Quantiles = new[] { 0.5, 0.99 }, ExtraLabels = new[] { "team", "shop" })]
                public void Place(int id) { }
            }
            """);

        output.Sources.Values.Single().Should().Contain(
            "new global::Instrumentation.TimedAttribute(\"place_seconds\", \"Place \\\"quoted\\\"\") { Kind = (global::Instrumentation.TimedKind)(1), Quantiles = new double[] { 0.5d, 0.99d }, ExtraLabels = new string[] { \"team\", \"shop\" } }");
        GeneratorHarness.Load(output).Should().NotBeNull();
    }

    [Fact]
    public void MarkedInterface_GetsADecoratorForAnyImplementation_LabelledWithTheImplementationsName()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop;
            [Counted]
            public interface IOrders { int Place(int id); }
            public sealed class Orders : IOrders { public int Place(int id) => id * 2; }
            public static class Use
            {
                public static int Call(Instrumentation.MetricFactory factory) => ((IOrders)new IOrders_InstrumentedDecorator(new Orders(), factory)).Place(21);
            }
            """);

        output.Diagnostics.Should().BeEmpty();
        var assembly = GeneratorHarness.Load(output);
        using var factory = new MetricFactory();

        var result = assembly.GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be(42);
        factory.GetValue("method_calls_total", "Orders", "Place", "success", "none").Should().Be(1);
    }

    [Fact]
    public void FailuresOnly_CountsFailuresButNotSuccesses()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop;
            public interface IOrders { int Place(int id); }
            public sealed class Orders : IOrders
            {
                [Counted(FailuresOnly = true)]
                public int Place(int id) => id > 0 ? id : throw new System.ArgumentOutOfRangeException(nameof(id));
            }
            public static class Use
            {
                public static void Call(Instrumentation.MetricFactory factory)
                {
                    IOrders orders = new Orders_InstrumentedDecorator(new Orders(), factory);
                    orders.Place(1);
                    try { orders.Place(-1); } catch (System.ArgumentOutOfRangeException) { }
                }
            }
            """);
        using var factory = new MetricFactory();

        GeneratorHarness.Load(output).GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        factory.GetValue("method_calls_total", "Orders", "Place", "failure", "ArgumentOutOfRangeException").Should().Be(1);
        var success = () => factory.GetValue("method_calls_total", "Orders", "Place", "success", "none");
        success.Should().Throw<MetricsAssertionException>();
    }

    [Fact]
    public void RefReturnsIndexersAndInheritedInterfaces_CompileAndForward()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop;
            public interface IBase { [Counted] int Base(int task); }
            public interface IShelf : IBase
            {
                ref int Slot(int index);
                string this[int index] { get; set; }
                [Timed] void Put(string? started, int result);
            }
            public sealed class Shelf : IShelf
            {
                private readonly int[] _slots = new int[4];
                private readonly string[] _names = new string[4];
                public int Base(int task) => task + 1;
                public ref int Slot(int index) => ref _slots[index];
                public string this[int index] { get => _names[index]; set => _names[index] = value; }
                public void Put(string? started, int result) => _names[result] = started ?? "";
            }
            public static class Use
            {
                public static string Call(Instrumentation.MetricFactory factory)
                {
                    IShelf shelf = new IShelf_InstrumentedDecorator(new Shelf(), factory);
                    shelf.Slot(1) = 7;
                    shelf.Put("pear", 2);
                    shelf[3] = "fig";
                    return $"{shelf.Slot(1)} {shelf[2]} {shelf[3]} {shelf.Base(1)}";
                }
            }
            """);
        using var factory = new MetricFactory();

        var result = GeneratorHarness.Load(output).GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be("7 pear fig 2");
        factory.GetHistogram("method_duration_seconds", "Shelf", "Put", "none").Count.Should().Be(1);
        factory.GetValue("method_calls_total", "Shelf", "Base", "success", "none").Should().Be(1);
    }
}
