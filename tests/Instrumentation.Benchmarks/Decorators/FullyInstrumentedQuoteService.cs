namespace Instrumentation.Benchmarks.Decorators;

/// <summary>All three attributes on one service: timed, counted and tracked in progress.</summary>
[Timed]
[Counted]
[TrackInProgress]
internal sealed class FullyInstrumentedQuoteService : QuoteService, IQuoteService;
