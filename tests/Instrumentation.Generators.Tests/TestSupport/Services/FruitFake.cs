using System.Globalization;
using System.Runtime.CompilerServices;

namespace Instrumentation.Generators.Tests.TestSupport.Services;

/// <summary>The inner service the tests decorate, with outcomes they can steer.</summary>
public class FruitFake : IFruitService
{
    /// <summary>When set, <see cref="FindAsync"/> returns this task instead of completing at once.</summary>
    public TaskCompletionSource<string>? PendingFind { get; set; }

    /// <summary>How many elements <see cref="StreamAsync"/> has yielded, and whether its finally block ran.</summary>
    public int Yielded { get; private set; }

    public bool StreamDisposed { get; private set; }

    public string? Name { get; set; }

    public event EventHandler? Changed;

    public int Count(string fruit) => fruit.Length;

    public void Plant(string fruit)
    {
        if (fruit == "rotten")
        {
            throw new InvalidOperationException("rotten fruit cannot be planted");
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    public async Task SaveAsync(string fruit, CancellationToken cancellationToken = default) =>
        await Task.Delay(fruit == "slow" ? Timeout.Infinite : 1, cancellationToken);

    public Task<string> FindAsync(int id) => PendingFind?.Task ?? Task.FromResult("fruit" + id.ToString(CultureInfo.InvariantCulture));

    public async ValueTask<int> WeighAsync(string fruit)
    {
        await Task.Yield();
        return fruit.Length * 10;
    }

    public ValueTask RipenAsync() => ValueTask.CompletedTask;

    public async ValueTask StoreAsync(string fruit)
    {
        await Task.Yield();
        if (fruit == "rotten")
        {
            throw new InvalidOperationException("rotten fruit cannot be stored");
        }
    }

    public async IAsyncEnumerable<string> StreamAsync(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                await Task.Yield();
                Yielded++;
                yield return "fruit" + i.ToString(CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            StreamDisposed = true;
        }
    }

    public T Echo<T>(T value)
        where T : notnull => value;

    public TResult? Convert<TInput, TResult>(TInput input)
        where TResult : class => input as TResult;

    public bool TryParse(string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    public void Swap(ref int a, ref int b) => (a, b) = (b, a);

    public int Sum(in int a, int b = 2) => a + b;

    public int Sum(int a, int b, int c) => a + b + c;
}
