using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Instrumentation.Generators.Model;

/// <summary>A diagnostic to report, held as plain values (no syntax tree) so that it can be cached.</summary>
/// <param name="Id">The descriptor ID, <c>INSTR001</c>...</param>
/// <param name="FilePath">The file of the location.</param>
/// <param name="Span">The span in the file.</param>
/// <param name="LineSpan">The line span in the file.</param>
/// <param name="Argument">The message argument: the member or type name.</param>
/// <param name="Reason">The second message argument, for INSTR005.</param>
internal sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan LineSpan, string Argument, string Reason = "")
{
    public static DiagnosticInfo Create(string id, Location location, string argument, string reason = "")
    {
        var lineSpan = location.GetLineSpan();
        return new DiagnosticInfo(id, lineSpan.Path ?? string.Empty, location.SourceSpan, lineSpan.Span, argument, reason);
    }

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
