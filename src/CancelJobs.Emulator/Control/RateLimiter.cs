using System;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace CancelJobs.Emulator.Control;

/// <summary>
/// AWS-style request quotas: one token bucket per (account, operation), shared by every client that signs with
/// that account. A request takes one token; an empty bucket means the service's throttling error. Tokens refill
/// continuously at the rate in force at that moment, so a quota changed mid-run (PUT /_emulator/faults) takes
/// effect on the next request without resetting what was already spent.
/// </summary>
internal sealed class RateLimiter
{
    private readonly ConcurrentDictionary<(string Account, string Operation), Bucket> buckets = new();

    public bool TryAcquire(string account, string operation, OperationQuota quota)
    {
        Bucket bucket = buckets.GetOrAdd((account, operation), _ => new Bucket(quota.EffectiveBurst));
        return bucket.TryTake(quota.RequestsPerSecond, quota.EffectiveBurst, Stopwatch.GetTimestamp());
    }

    public void Reset() => buckets.Clear();

    private sealed class Bucket(double initialTokens)
    {
        private double tokens = initialTokens;
        private long refilledAt = Stopwatch.GetTimestamp();

        public bool TryTake(double ratePerSecond, double burst, long now)
        {
            lock (this)
            {
                tokens = Math.Min(burst, tokens + Stopwatch.GetElapsedTime(refilledAt, now).TotalSeconds * ratePerSecond);
                refilledAt = now;
                if (tokens < 1) return false;
                tokens -= 1;
                return true;
            }
        }
    }
}
