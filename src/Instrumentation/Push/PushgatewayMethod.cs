namespace Instrumentation.Push;

/// <summary>How a push changes the metrics the Pushgateway holds for the grouping key.</summary>
public enum PushgatewayMethod
{
    /// <summary><c>PUT</c>: replaces every metric of the grouping key with the pushed ones.</summary>
    Put,

    /// <summary><c>POST</c>: replaces only the metrics of the same name; others of the grouping key stay.</summary>
    Post,
}
