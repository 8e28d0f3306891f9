using System.Collections.Generic;
using System.Linq;

namespace CancelJobs.Emulator.Control;

/// <summary>Faults injected into AWS requests (never into the control API). Rates are probabilities 0..1.</summary>
public sealed record FaultSettings
{
    public int LatencyMs { get; init; }
    public int LatencyJitterMs { get; init; }
    public double ThrottleRate { get; init; }
    public double ServerErrorRate { get; init; }

    /// <summary>The connection drops before the operation runs: nothing happened on the service.</summary>
    public double ConnectionResetRate { get; init; }

    /// <summary>The operation runs, then the connection drops before the answer: the client's response is lost.</summary>
    public double ResponseLossRate { get; init; }

    /// <summary>When set, the random faults above (throttle, server error, reset, response loss) hit only these operations.</summary>
    public IReadOnlyList<string>? FaultOperations { get; init; }

    internal bool AppliesTo(string? operation) => FaultOperations is null || (operation != null && FaultOperations.Contains(operation));

    /// <summary>
    /// A quota for every operation: a token bucket per account and operation (AWS's model), answered with the
    /// service's own throttling error when empty. Null = no quota.
    /// </summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>The bucket's size for <see cref="RequestsPerSecond"/>; null = one second's worth (at least 1).</summary>
    public double? Burst { get; init; }

    /// <summary>Per-operation quotas by operation name (e.g. "CancelJobExecution"); these win over <see cref="RequestsPerSecond"/>.</summary>
    public IReadOnlyDictionary<string, OperationQuota>? Quotas { get; init; }

    public static FaultSettings None { get; } = new();

    /// <summary>The quota in force for <paramref name="operation"/>, or null.</summary>
    internal OperationQuota? QuotaFor(string? operation) =>
        operation != null && Quotas != null && Quotas.TryGetValue(operation, out OperationQuota? own) ? own
        : RequestsPerSecond is { } rate ? new OperationQuota { RequestsPerSecond = rate, Burst = Burst }
        : null;

    /// <summary>Null when valid, else why not.</summary>
    internal string? Problem()
    {
        if (LatencyMs < 0 || LatencyJitterMs < 0) return "Latency values must not be negative.";
        if (!IsRate(ThrottleRate) || !IsRate(ServerErrorRate) || !IsRate(ConnectionResetRate) || !IsRate(ResponseLossRate))
            return "Rates must be between 0 and 1.";
        if (RequestsPerSecond is <= 0) return "requestsPerSecond must be positive or null.";
        if (Burst is < 1) return "burst must be at least 1 or null.";
        if (Quotas?.Values.Any(q => q is null || !(q.RequestsPerSecond > 0) || q.Burst is < 1) == true)
            return "Each quota needs a positive requestsPerSecond and a burst of at least 1 (or none).";
        return null;
    }

    private static bool IsRate(double value) => value is >= 0 and <= 1;
}
