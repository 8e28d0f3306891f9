using System;

namespace CancelJobs.Emulator.Protocol;

/// <summary>
/// One API operation: how a request is recognised (HTTP method + URI template for rest-json, the
/// X-Amz-Target name for json 1.1) and the handler that returns its output (null = no output members).
/// </summary>
internal sealed record Operation(string Name, Func<OperationRequest, object?> Handler)
{
    public string? HttpMethod { get; private init; }
    public RouteTemplate? Route { get; private init; }

    public static Operation Rest(string name, string httpMethod, string uriTemplate, Func<OperationRequest, object?> handler) =>
        new(name, handler) { HttpMethod = httpMethod, Route = new RouteTemplate(uriTemplate) };

    public static Operation Json(string name, Func<OperationRequest, object?> handler) => new(name, handler);
}
