using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;

namespace CancelJobs.Emulator.Control;

/// <summary>
/// Per-service sliding-window cap: at most N admitted requests in any window (1 s, or 1/rps for caps
/// below one per second). Exact and predictable, which tests of client retry logic want.
/// </summary>
internal sealed class RateLimiter
{
    private readonly ConcurrentDictionary<string, Queue<long>> windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string service, double requestsPerSecond)
    {
        int allowed = Math.Max(1, (int)Math.Floor(requestsPerSecond));
        TimeSpan window = requestsPerSecond >= 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1 / requestsPerSecond);
        long now = Stopwatch.GetTimestamp();
        Queue<long> admitted = windows.GetOrAdd(service, _ => new Queue<long>());
        lock (admitted)
        {
            while (admitted.Count > 0 && Stopwatch.GetElapsedTime(admitted.Peek(), now) >= window) admitted.Dequeue();
            if (admitted.Count >= allowed) return false;
            admitted.Enqueue(now);
            return true;
        }
    }

    public void Reset() => windows.Clear();
}
