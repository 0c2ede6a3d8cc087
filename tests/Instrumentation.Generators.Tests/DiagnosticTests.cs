using Instrumentation.Generators.Tests.TestSupport;

namespace Instrumentation.Generators.Tests;

/// <summary>What cannot be decorated is reported as a warning with its own ID, and nothing is generated for it.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using Instrumentation;
        using System.Threading.Tasks;
        namespace Shop;
        public interface IOrders { void Place(int id); }

        """;

    [Fact]
    public void MarkedClassWithoutInterface_ReportsInstr001()
    {
        var output = GeneratorHarness.Run(Usings + "[Timed] public class Lonely { public void Work() { } }");

        output.DiagnosticIds.Should().Equal("INSTR001");
        output.Diagnostics[0].Severity.Should().Be(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
        output.Diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().Contain("register the service through an interface");
        output.Sources.Should().BeEmpty();
    }

    [Fact]
    public void MarkedMethodOnClassWithoutInterface_ReportsInstr001()
    {
        var output = GeneratorHarness.Run(Usings + "public class Lonely { [Counted] public void Work() { } }");

        output.DiagnosticIds.Should().Equal("INSTR001");
    }

    [Fact]
    public void MarkedStaticMethod_ReportsInstr002()
    {
        var output = GeneratorHarness.Run(Usings + "public class Orders : IOrders { public void Place(int id) { } [Timed] public static void Purge() { } }");

        output.DiagnosticIds.Should().Equal("INSTR002");
    }

    [Fact]
    public void MarkedNonPublicMethod_ReportsInstr003()
    {
        var output = GeneratorHarness.Run(Usings + "public class Orders : IOrders { public void Place(int id) { } [Timed] internal void Audit() { } }");

        output.DiagnosticIds.Should().Equal("INSTR003");
    }

    [Fact]
    public void MarkedPublicMethodMissingFromTheInterface_ReportsInstr004()
    {
        var output = GeneratorHarness.Run(Usings + "public class Orders : IOrders { public void Place(int id) { } [Timed] public void Cancel(int id) { } }");

        output.DiagnosticIds.Should().Equal("INSTR004");
        output.Diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().Contain("Orders.Cancel");
    }

    [Fact]
    public void MarkedStaticHandlerClassAndItsStaticMethods_ReportNothing_TheyAreEndpoints()
    {
        var output = GeneratorHarness.Run(Usings + """
            [Timed] public static class OrderHandlers { [Counted] public static string List() => "1,2"; }
            """);

        output.Diagnostics.Should().BeEmpty();
        output.Sources.Should().BeEmpty();
    }

    [Fact]
    public void MarkedMvcController_ReportsNothing_ItIsAnEndpoint()
    {
        var output = GeneratorHarness.Run(Usings + """
            [Timed] public sealed class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { [Counted] public string List() => "1,2"; }
            [Microsoft.AspNetCore.Mvc.ApiController] public sealed class Stock { [Counted] public string Count() => "3"; }
            """, """
            namespace Microsoft.AspNetCore.Mvc
            {
                public abstract class ControllerBase { }
                public sealed class ApiControllerAttribute : System.Attribute { }
            }
            """);

        output.Diagnostics.Should().BeEmpty();
        output.Sources.Should().BeEmpty();
    }

    [Fact]
    public void MethodWithSeveralAttributes_ReportsItsProblemOnce()
    {
        var output = GeneratorHarness.Run(Usings + "public class Orders : IOrders { public void Place(int id) { } [Timed, Counted, TrackInProgress] public static void Purge() { } }");

        output.DiagnosticIds.Should().Equal("INSTR002");
    }

    [Fact]
    public void MarkedInterfaceMethodImplementation_ReportsNothing_AndGeneratesOneDecorator()
    {
        var output = GeneratorHarness.Run(Usings + "public class Orders : IOrders { [Timed] public void Place(int id) { } }");

        output.Diagnostics.Should().BeEmpty();
        output.Sources.Keys.Should().Equal("Shop.Orders_InstrumentedDecorator.g.cs");
        GeneratorHarness.Load(output).Should().NotBeNull();
    }

    [Fact]
    public void InterfaceWithInitAccessor_ReportsInstr005_EvenWhenOnlyAMethodIsMarked()
    {
        var output = GeneratorHarness.Run(Usings + """
            public interface IStock { int Level { get; init; } int Take(int n); }
            public class Stock : IStock { public int Level { get; init; } [Timed] public int Take(int n) => n; }
            """);

        output.DiagnosticIds.Should().Equal("INSTR005");
        output.Sources.Should().BeEmpty();
    }
}
