using Instrumentation.Generators.Tests.TestSupport;
using Instrumentation.Testing;

namespace Instrumentation.Generators.Tests;

/// <summary>
/// Generic services: a closed, non-generic class is decorated with the attributes of its generic base and
/// interface; an open generic class that could be registered is reported as INSTR006, saying what to do.
/// </summary>
public sealed class GenericServiceTests
{
    private const string Repository = """
        using Instrumentation;
        namespace Shop;
        public interface IRepository<T> where T : class { T? Find(int id); int Count(); }

        """;

    [Fact]
    public void MarkedMethodOnOpenGenericClass_ReportsInstr006_SayingHowToFix()
    {
        var output = GeneratorHarness.Run(Repository + """
            public class Repository<T> : IRepository<T> where T : class
            {
                [Timed] public T? Find(int id) => null;
                public int Count() => 0;
            }
            """);

        output.DiagnosticIds.Should().Equal("INSTR006");
        output.Diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture)
            .Should().Contain("Repository<T>").And.Contain("non-generic class").And.Contain("abstract");
        output.Sources.Should().BeEmpty();
    }

    [Fact]
    public void MarkedOpenGenericClass_ReportsInstr006Once()
    {
        var output = GeneratorHarness.Run(Repository + """
            [Timed, Counted]
            public class Repository<T> : IRepository<T> where T : class
            {
                public T? Find(int id) => null;
                public int Count() => 0;
            }
            """);

        output.DiagnosticIds.Should().Equal("INSTR006");
    }

    [Fact]
    public void MarkedGenericInterface_ImplementedByAnOpenGenericClass_ReportsInstr006AtTheClass()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            namespace Shop;
            [Counted] public interface IRepository<T> where T : class { T? Find(int id); }
            public class Repository<T> : IRepository<T> where T : class { public T? Find(int id) => null; }
            """);

        output.DiagnosticIds.Should().Equal("INSTR006");
        output.Diagnostics[0].Location.GetLineSpan().StartLinePosition.Line.Should().Be(3);
    }

    [Fact]
    public void ClosedClassDerivedFromAnAbstractGenericBase_IsDecoratedWithTheBaseAttributes()
    {
        var output = GeneratorHarness.Run(Repository + """
            public abstract class Repository<T> : IRepository<T> where T : class
            {
                [Counted] public virtual T? Find(int id) => null;
                public int Count() => 0;
            }
            public sealed class FruitRepository : Repository<string>
            {
                public override string? Find(int id) => "fruit" + id;
            }
            public static class Use
            {
                public static string? Call(Instrumentation.MetricFactory factory)
                {
                    IRepository<string> repository = new FruitRepository_InstrumentedDecorator(new FruitRepository(), factory);
                    return repository.Find(3);
                }
            }
            """);

        output.Diagnostics.Should().BeEmpty();
        output.Sources.Keys.Should().Equal("Shop.FruitRepository_InstrumentedDecorator.g.cs");
        using var factory = new MetricFactory();

        var result = GeneratorHarness.Load(output).GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be("fruit3");
        factory.GetValue("method_calls_total", "FruitRepository", "Find", "success", "none").Should().Be(1);
    }

    [Fact]
    public void ClosedClassImplementingAMarkedGenericInterface_IsDecorated_AndItsRegistrationResolves()
    {
        var output = GeneratorHarness.Run("""
            using Instrumentation;
            using Microsoft.Extensions.DependencyInjection;
            namespace Shop;
            public interface IRepository<T> where T : class { [Timed] T? Find(int id); }
            public sealed class FruitRepository : IRepository<string> { public string? Find(int id) => "fruit" + id; }
            public static class Use
            {
                public static string? Call(Instrumentation.MetricFactory factory)
                {
                    var services = new ServiceCollection().AddSingleton(factory).AddInstrumentedIRepositoryOfString();
                    using var provider = services.BuildServiceProvider();
                    using var scope = provider.CreateScope();
                    return scope.ServiceProvider.GetRequiredService<IRepository<string>>().Find(8);
                }
            }
            """);

        output.Diagnostics.Should().BeEmpty();
        using var factory = new MetricFactory();

        var result = GeneratorHarness.Load(output).GetType("Shop.Use")!.GetMethod("Call")!.Invoke(null, [factory]);

        result.Should().Be("fruit8");
        factory.GetHistogram("method_duration_seconds", "FruitRepository", "Find", "none").Count.Should().Be(1);
    }
}
