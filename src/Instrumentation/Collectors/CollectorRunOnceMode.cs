namespace Instrumentation.Collectors;

/// <summary>Registered when the process runs one collector once: the scheduler then schedules nothing.</summary>
internal sealed class CollectorRunOnceMode;
