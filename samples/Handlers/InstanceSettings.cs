namespace Handlers;

/// <summary>The current <see cref="InstanceState"/>, shared by every request. Thread-safe: replaced as a whole.</summary>
public sealed class InstanceSettings(IConfiguration configuration)
{
    private InstanceState _current = new(
        configuration["Handlers:ActiveInstance"] ?? "primary",
        configuration["Handlers:AuthType"] ?? "basic");

    /// <summary>The state now.</summary>
    public InstanceState Current => Volatile.Read(ref _current);

    /// <summary>Replaces the state.</summary>
    public void Set(InstanceState state) => Volatile.Write(ref _current, state);
}
