using System;
using System.Collections.Generic;

namespace CancelJobs.Emulator.Protocol;

/// <summary>A decoded AWS request as an operation handler sees it.</summary>
internal sealed class OperationRequest
{
    public required ServiceDescriptor Service { get; init; }
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
    public required IReadOnlyDictionary<string, string> Query { get; init; }
    public required byte[] Body { get; init; }

    /// <summary>Region from the SigV4 credential scope, used to build ARNs the caller expects.</summary>
    public required string Region { get; init; }

    public required DateTimeOffset Now { get; init; }

    public Validator Check => new(Service.Errors.Validation);

    public string Label(string name) => Labels[name];

    public string? QueryValue(string name) => Query.TryGetValue(name, out string? value) ? value : null;

    public JsonInput ReadJson() => JsonInput.Parse(Body, Service.Errors.MalformedInput);
}
