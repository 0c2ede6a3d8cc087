namespace Instrumentation.Benchmarks.Decorators;

/// <summary>Every call counted into the default <c>method_calls_total</c> by the generated decorator.</summary>
[Counted]
internal sealed class CountedQuoteService : QuoteService, IQuoteService;
