using System;
using System.Threading;
using System.Threading.Tasks;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Protocol;

namespace CancelJobs.Emulator.Hosting;

/// <summary>Applies the configured <see cref="FaultSettings"/> to one AWS request.</summary>
internal sealed class FaultInjector(RateLimiter rateLimiter)
{
    /// <summary>Async delay, so injected latency never holds a thread.</summary>
    public static Task DelayAsync(FaultSettings faults, CancellationToken cancellationToken)
    {
        int delay = faults.LatencyMs + (faults.LatencyJitterMs > 0 ? Random.Shared.Next(faults.LatencyJitterMs + 1) : 0);
        return delay > 0 ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;
    }

    public static bool ShouldResetConnection(FaultSettings faults, string? operation) => faults.AppliesTo(operation) && Roll(faults.ConnectionResetRate);

    /// <summary>The operation ran, but its answer is lost (the connection drops before the response).</summary>
    public static bool ShouldLoseResponse(FaultSettings faults, string? operation) => faults.AppliesTo(operation) && Roll(faults.ResponseLossRate);

    /// <summary>
    /// The service error to answer with instead of running the operation, if any. <paramref name="account"/> is the
    /// signing access key id: quotas are per account and operation, whichever client sends.
    /// </summary>
    public AwsServiceException? ServiceFault(FaultSettings faults, ServiceDescriptor service, string? operation, string? account)
    {
        if (faults.QuotaFor(operation) is { } quota && !rateLimiter.TryAcquire(account ?? "", operation ?? "", quota))
            return service.Errors.Throttling.With("Rate exceeded");
        if (!faults.AppliesTo(operation))
            return null;
        if (Roll(faults.ThrottleRate))
            return service.Errors.Throttling.With("Rate exceeded");
        if (Roll(faults.ServerErrorRate))
            return service.Errors.ServerError.With("An internal error occurred (injected by the emulator).");
        return null;
    }

    private static bool Roll(double probability) =>
        probability >= 1 || (probability > 0 && Random.Shared.NextDouble() < probability);
}
