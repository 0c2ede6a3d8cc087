namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// Tests that change process-wide state (environment variables, the current directory) to prove that something
/// ignores it. xUnit runs this collection alone, after the parallel ones, so no other test sees the change.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentTests
{
    public const string Name = "Process environment";
}
