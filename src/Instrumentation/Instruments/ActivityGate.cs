using System.Diagnostics;

namespace Instrumentation.Instruments;

/// <summary>
/// <see cref="Activity.Current"/> for the exemplar paths, without its cost in a process that has never
/// had a current activity: reading it is an execution-context lookup (two calls, about 2 ns, as much as
/// the rest of a counter's <c>Inc()</c>), paid on every recording although only a traced call can
/// give an exemplar.
/// </summary>
/// <remarks>
/// The gate opens for good the first time any activity becomes current on any thread
/// (<see cref="Activity.CurrentChanged"/>), and then stops listening, so a traced application pays one
/// event and afterwards reads <see cref="Activity.Current"/> as before. It starts open when the thread
/// that first touches it already has a current activity. An activity made current on another thread
/// before the gate existed is found by that thread's first recording, which reads
/// <see cref="Activity.Current"/> once per thread while the gate is closed.
/// <see cref="MetricFactory"/> touches the gate when it is created, so it listens from start-up.
/// </remarks>
internal static class ActivityGate
{
    private static volatile bool s_open = Activity.Current is not null || Listen();

    /// <summary>True once an activity has been current somewhere in the process.</summary>
    public static bool IsOpen => s_open;

    // Whether this thread has read Activity.Current once while the gate was closed.
    [ThreadStatic]
    private static bool t_looked;

    /// <summary><see cref="Activity.Current"/>, or null while no activity has ever been current.</summary>
    public static Activity? Current => s_open ? Activity.Current : t_looked ? null : FirstLookOnThisThread();

    /// <summary>Makes sure the gate listens (a no-op after the first call).</summary>
    public static void EnsureListening() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(ActivityGate).TypeHandle);

    private static bool Listen()
    {
        Activity.CurrentChanged += OnCurrentChanged;

        // One may have become current on this thread between the check and the subscription.
        return Activity.Current is not null;
    }

    // An activity made current before the gate listened raises no event while its thread keeps running it (a job
    // that traces itself synchronously): each thread's first recording reads Activity.Current once to find it.
    // Any later change on the thread, a context switch included, raises Activity.CurrentChanged.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Activity? FirstLookOnThisThread()
    {
        t_looked = true;
        var current = Activity.Current;
        if (current is not null)
        {
            s_open = true;
        }

        return current;
    }

    private static void OnCurrentChanged(object? sender, ActivityChangedEventArgs e)
    {
        s_open = true;
        Activity.CurrentChanged -= OnCurrentChanged;
    }
}
