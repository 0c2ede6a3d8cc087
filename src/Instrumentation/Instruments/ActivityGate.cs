using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Instrumentation.Instruments;

/// <summary>
/// <see cref="Activity.Current"/> for the exemplar paths, without its cost in a process that has never
/// had a current activity: reading it is an execution-context lookup (two calls, about 2 ns, as much as
/// the rest of a counter's <c>Inc()</c>), paid on every recording although only a traced call can
/// give an exemplar. While closed, the gate costs one read of a static field.
/// </summary>
/// <remarks>
/// <para>
/// The gate opens for good the first time any activity becomes current on any thread
/// (<see cref="Activity.CurrentChanged"/>), and then stops listening, so a traced application pays one
/// event and afterwards reads <see cref="Activity.Current"/> as before.
/// <see cref="MetricFactory"/> arms the gate when it is created, so it listens from start-up.
/// </para>
/// <para>
/// An activity made current before the gate listened raises no event while its thread keeps running it
/// (a job that traces itself synchronously). The gate therefore starts open when an activity is current
/// on the arming thread, and opens when a <see cref="MetricFactory"/> is created while any
/// <see cref="ActivitySource"/> has a listener: only such a
/// source, or a caller setting the recorded flag by hand, makes the recorded activities exemplars come from.
/// Left uncovered: an activity that became current on another thread before the first <see cref="MetricFactory"/>
/// while no listener was attached to its source (one started without a source and flagged recorded by hand or by
/// its parent's <c>traceparent</c>, or one whose source's listener was gone by then) gives exemplars from its
/// thread's next change of <see cref="Activity.Current"/> on. A per-thread first look would cover it, at the cost
/// of a thread-static read on every recording of every untraced process.
/// </para>
/// </remarks>
internal static class ActivityGate
{
    private static volatile bool s_open = Arm();

    /// <summary>True once an activity has been current somewhere in the process (or may have been: see the remarks).</summary>
    public static bool IsOpen => s_open;

    /// <summary><see cref="Activity.Current"/>, or null while the gate is closed.</summary>
    public static Activity? Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => s_open ? Activity.Current : null;
    }

    /// <summary>Makes sure the gate listens, and opens it if an <see cref="ActivitySource"/> already has a listener.</summary>
    /// <remarks>Called by every <see cref="MetricFactory"/> when it is created, outside the type initializer: the
    /// check runs listener callbacks under <see cref="ActivitySource"/>'s lock.</remarks>
    public static void EnsureListening()
    {
        RuntimeHelpers.RunClassConstructor(typeof(ActivityGate).TypeHandle);
        if (!s_open && AnySourceHasListeners())
        {
            s_open = true;
            Activity.CurrentChanged -= OnCurrentChanged;
        }
    }

    private static bool Arm()
    {
        Activity.CurrentChanged += OnCurrentChanged;

        // One may have become current on this thread between the check and the subscription.
        if (Activity.Current is null)
        {
            return false;
        }

        Activity.CurrentChanged -= OnCurrentChanged;
        return true;
    }

    // Adding a listener asks it about every source created so far; this one only looks, and attaches to none.
    private static bool AnySourceHasListeners()
    {
        var found = false;
        using var probe = new ActivityListener
        {
            ShouldListenTo = source =>
            {
                found |= source.HasListeners();
                return false;
            },
        };
        ActivitySource.AddActivityListener(probe);
        return found;
    }

    private static void OnCurrentChanged(object? sender, ActivityChangedEventArgs e)
    {
        s_open = true;
        Activity.CurrentChanged -= OnCurrentChanged;
    }
}
