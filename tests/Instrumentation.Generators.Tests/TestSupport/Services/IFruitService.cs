namespace Instrumentation.Generators.Tests.TestSupport.Services;

/// <summary>A service interface with every shape of member the decorator must forward.</summary>
public interface IFruitService
{
    string? Name { get; set; }

    event EventHandler? Changed;

    int Count(string fruit);

    void Plant(string fruit);

    Task SaveAsync(string fruit, CancellationToken cancellationToken = default);

    Task<string> FindAsync(int id);

    ValueTask<int> WeighAsync(string fruit);

    ValueTask RipenAsync();

    ValueTask StoreAsync(string fruit);

    IAsyncEnumerable<string> StreamAsync(int count, CancellationToken cancellationToken = default);

    T Echo<T>(T value)
        where T : notnull;

    TResult? Convert<TInput, TResult>(TInput input)
        where TResult : class;

    bool TryParse(string text, out int value);

    void Swap(ref int a, ref int b);

    int Sum(in int a, int b = 2);

    int Sum(int a, int b, int c);
}
