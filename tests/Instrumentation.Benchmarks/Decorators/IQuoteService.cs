namespace Instrumentation.Benchmarks.Decorators;

/// <summary>The service the decorator benchmarks call: one method per return type the decorator handles differently.</summary>
internal interface IQuoteService
{
    /// <summary>A synchronous call.</summary>
    int Quote(int quantity);

    /// <summary>Returns an already-completed <see cref="Task"/>.</summary>
    Task Reserve(int quantity);

    /// <summary>Returns an already-completed <see cref="Task{TResult}"/>.</summary>
    Task<int> QuoteAsync(int quantity);

    /// <summary>Returns a synchronously completed <see cref="ValueTask{TResult}"/>.</summary>
    ValueTask<int> QuoteValueAsync(int quantity);
}
