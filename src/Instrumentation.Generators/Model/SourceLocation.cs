using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Instrumentation.Generators.Model;

/// <summary>Where a declaration sits, held as plain values (no syntax tree) so that models holding it can be cached.</summary>
/// <param name="FilePath">The file.</param>
/// <param name="Span">The span in the file.</param>
/// <param name="LineSpan">The line span in the file.</param>
internal sealed record SourceLocation(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static SourceLocation From(Location location)
    {
        var lineSpan = location.GetLineSpan();
        return new SourceLocation(lineSpan.Path ?? string.Empty, location.SourceSpan, lineSpan.Span);
    }

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
