using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// Finds the metrics attribute that applies to an endpoint: the handler method's own attribute first,
/// then its class's. MVC puts the controller's attributes into the endpoint metadata before the action's,
/// and minimal APIs put the handler's attributes there, so the last one in the metadata is the most
/// specific; for a minimal API method group the class is read from the handler's <see cref="MethodInfo"/>.
/// </summary>
internal static class EndpointAttributes
{
    public static T? Find<T>(Endpoint endpoint)
        where T : Attribute
    {
        var fromMetadata = endpoint.Metadata.GetMetadata<T>();
        if (fromMetadata is not null)
        {
            return fromMetadata;
        }

        var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
        return handler?.DeclaringType?.GetCustomAttribute<T>(inherit: true);
    }
}
