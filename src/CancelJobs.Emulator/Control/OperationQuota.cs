namespace CancelJobs.Emulator.Control;

/// <summary>One operation's quota: sustained requests per second and the bucket size.</summary>
public sealed record OperationQuota
{
    public double RequestsPerSecond { get; init; }

    /// <summary>Null = one second's worth, at least 1.</summary>
    public double? Burst { get; init; }

    internal double EffectiveBurst => Burst ?? System.Math.Max(1, RequestsPerSecond);
}
