namespace Instrumentation.Generators.Tests.TestSupport;

/// <summary>User code the generator runs over.</summary>
internal static class Sources
{
    /// <summary>A service marked on its class: every method of <c>IFruitService</c> is timed, counted and tracked.</summary>
    public const string MarkedFruitService = """
        using Instrumentation;
        using Instrumentation.Generators.Tests.TestSupport.Services;

        namespace Orchard;

        [Timed, Counted, TrackInProgress]
        public sealed class FruitService : FruitFake
        {
        }
        """;
}
