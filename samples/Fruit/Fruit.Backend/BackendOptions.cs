namespace Fruit.Backend;

/// <summary>How the backend's workers behave, bound from <c>Fruit:Backend</c>.</summary>
public sealed class BackendOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Fruit:Backend";

    /// <summary>How many workers consume the queue in parallel; default 2.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>How long an idle worker waits before looking at the queue again; default 200 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Shortest simulated work per message (the "delivery"); default 10 ms.</summary>
    public TimeSpan MinWork { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest simulated work per message; default 150 ms.</summary>
    public TimeSpan MaxWork { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Chance (0 to 1) that processing a message generates a new one (a re-order); default 0.3.</summary>
    public double FollowUpProbability { get; set; } = 0.3;
}
