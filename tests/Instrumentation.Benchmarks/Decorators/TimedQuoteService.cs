namespace Instrumentation.Benchmarks.Decorators;

/// <summary>Every method timed into the default <c>method_duration_seconds</c> histogram by the generated decorator.</summary>
[Timed]
internal sealed class TimedQuoteService : QuoteService, IQuoteService;
