using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// Finds the metrics attribute that applies to an endpoint, most specific first: the endpoint metadata (the
/// handler method's own attributes, then for MVC the controller's, and any <c>WithMetadata</c>), the handler's
/// class, the interface method the handler implements, and last that method's interface. Called once per
/// endpoint, when it is resolved, never per request.
/// </summary>
/// <remarks>
/// MVC puts the controller's attributes into the endpoint metadata before the action's, and minimal APIs put
/// the handler's attributes there, so the last one in the metadata is the most specific. The handler method
/// is the <see cref="MethodInfo"/> a minimal API adds to its metadata, or the action method of MVC's
/// <see cref="ControllerActionDescriptor"/>.
/// </remarks>
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

        var action = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>();
        var handler = action?.MethodInfo ?? endpoint.Metadata.GetMetadata<MethodInfo>();
        var type = action?.ControllerTypeInfo ?? handler?.DeclaringType;
        if (handler is null || type is null)
        {
            return null;
        }

        return type.GetCustomAttribute<T>(inherit: true) ?? FromInterfaces<T>(handler, type);
    }

    // Reading a type's interfaces is not visible to the trimmer: an interface that nothing else in a trimmed app
    // uses may be removed with its attributes, which then do not apply (docs/attributes.md says so). Nothing fails.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Interfaces removed by the trimmer only lose their attributes; the handler still runs.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Interfaces removed by the trimmer only lose their attributes; the handler still runs.")]
    private static T? FromInterfaces<T>(MethodInfo handler, Type type)
        where T : Attribute
    {
        if (handler.IsStatic || type.IsInterface)
        {
            return null;
        }

        T? fromInterface = null;
        foreach (var @interface in type.GetInterfaces())
        {
            var map = type.GetInterfaceMap(@interface);
            for (var i = 0; i < map.TargetMethods.Length; i++)
            {
                if (!map.TargetMethods[i].HasSameMetadataDefinitionAs(handler))
                {
                    continue;
                }

                var fromMethod = map.InterfaceMethods[i].GetCustomAttribute<T>();
                if (fromMethod is not null)
                {
                    return fromMethod;
                }

                fromInterface ??= @interface.GetCustomAttribute<T>();
            }
        }

        return fromInterface;
    }
}
