using System;
using System.Collections.Generic;
using System.Linq;

namespace CancelJobs.Emulator.Protocol;

/// <summary>Everything the shared pipeline needs to know about one AWS service.</summary>
internal sealed class ServiceDescriptor
{
    /// <summary>SigV4 signing name; also the service name in the request log.</summary>
    public required string SigningName { get; init; }

    public required AwsProtocol Protocol { get; init; }

    public required ServiceErrors Errors { get; init; }

    public required IReadOnlyList<Operation> Operations { get; init; }

    /// <summary>json 1.1 only: X-Amz-Target is "{prefix}.{Operation}".</summary>
    public string? TargetPrefix { get; init; }

    /// <summary>rest-json only: first path segments that belong to this service.</summary>
    public IReadOnlyList<string> PathRoots { get; init; } = [];

    public bool ClaimsTarget(string? target) =>
        TargetPrefix is not null && target is not null && target.StartsWith(TargetPrefix + ".", StringComparison.Ordinal);

    public bool ClaimsPath(string[] rawSegments) =>
        rawSegments.Length > 0 && PathRoots.Contains(rawSegments[0], StringComparer.Ordinal);

    public (Operation Operation, IReadOnlyDictionary<string, string> Labels)? FindOperation(
        string method, string[] rawSegments, string? target)
    {
        if (TargetPrefix is not null)
        {
            bool isRpcCall = method == "POST" && rawSegments is [""] && ClaimsTarget(target);
            if (!isRpcCall) return null;
            string name = target![(TargetPrefix.Length + 1)..];
            Operation? match = Operations.FirstOrDefault(o => o.Name == name);
            return match is null ? null : (match, new Dictionary<string, string>());
        }

        foreach (Operation operation in Operations)
        {
            if (operation.HttpMethod != method) continue;
            Dictionary<string, string>? labels = operation.Route!.Match(rawSegments);
            if (labels is not null) return (operation, labels);
        }
        return null;
    }
}
