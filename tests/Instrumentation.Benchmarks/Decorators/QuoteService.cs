namespace Instrumentation.Benchmarks.Decorators;

/// <summary>
/// The work behind every row: a multiplication, and for the task-returning methods a task completed
/// beforehand, so the bare rows allocate nothing and any allocation in a decorated row is the decorator's.
/// </summary>
internal abstract class QuoteService : IQuoteService
{
    private const int UnitPrice = 3;

    private static readonly Task<int> CompletedQuote = Task.FromResult(UnitPrice);

    public int Quote(int quantity) => quantity * UnitPrice;

    public Task Reserve(int quantity) => Task.CompletedTask;

    public Task<int> QuoteAsync(int quantity) => CompletedQuote;

    public ValueTask<int> QuoteValueAsync(int quantity) => new(quantity * UnitPrice);
}
