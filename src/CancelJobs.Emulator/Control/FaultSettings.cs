namespace CancelJobs.Emulator;

/// <summary>Faults injected into AWS requests (never into the control API). Rates are probabilities 0..1.</summary>
public sealed record FaultSettings
{
    public int LatencyMs { get; init; }
    public int LatencyJitterMs { get; init; }
    public double ThrottleRate { get; init; }
    public double ServerErrorRate { get; init; }
    public double ConnectionResetRate { get; init; }

    /// <summary>Per-service cap; requests above it get that service's throttling error. Null = no cap.</summary>
    public double? RequestsPerSecond { get; init; }

    public static FaultSettings None { get; } = new();

    /// <summary>Null when valid, else why not.</summary>
    internal string? Problem()
    {
        if (LatencyMs < 0 || LatencyJitterMs < 0) return "Latency values must not be negative.";
        if (!IsRate(ThrottleRate) || !IsRate(ServerErrorRate) || !IsRate(ConnectionResetRate))
            return "Rates must be between 0 and 1.";
        if (RequestsPerSecond is <= 0) return "requestsPerSecond must be positive or null.";
        return null;
    }

    private static bool IsRate(double value) => value is >= 0 and <= 1;
}
