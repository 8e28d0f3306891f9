using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CancelJobs.Engine.Bulk
{
    /// <summary>
    /// Client-side rate control for one (endpoint, region, access key id, operation), learned from the service's
    /// answers. It starts unthrottled. A throttle cuts the send rate to just under what the service actually accepted
    /// in the last seconds (measured from successes, not guessed from the previous rate), then a cubic curve climbs
    /// back: quickly at first, flat around the rate that was accepted, then probing above it, so a raised quota is
    /// found again and a lowered one is met within a round trip or two. Only one cut is made per round of requests:
    /// throttles of requests sent before the last cut are answers to the old rate and are ignored.
    /// Sends leave in ticket order, spaced at the rate in force when each leaves, so no waiter starves and a
    /// changed rate applies to the whole queue at once.
    /// See docs/DESIGN-NOTES.md ("Rate control and retries") for why this shape over AIMD or SRE-style client throttling.
    /// </summary>
    public sealed class AdaptiveRateController
    {
        /// <summary>After a cut the rate restarts at this fraction of the accepted rate.</summary>
        public const double CutFactor = 0.9;

        /// <summary>Cubic growth constant in requests/s per s³ (the published CUBIC limiter's value).</summary>
        public const double Growth = 0.4;

        /// <summary>How far back successes count towards the accepted rate.</summary>
        public static readonly TimeSpan AcceptedWindow = TimeSpan.FromSeconds(2);

        private const double MinimumRate = 0.1;
        private const int MaxRememberedSuccesses = 8192;
        private const double MinimumWaitSeconds = 0.001;
        private const double MaximumWaitSeconds = 0.2;

        private readonly Func<double> now;
        private readonly object gate = new object();
        private readonly Queue<double> successes = new Queue<double>();
        private readonly double startedAt;
        private double acceptedPeak;
        private double cutAt = double.NegativeInfinity;
        private double cutK;
        private readonly HashSet<long> abandoned = new HashSet<long>();
        private long nextTicket;
        private long releasedUpTo;
        private double lastReleaseAt = double.NegativeInfinity;
        private long throttles;
        private long cuts;
        private long successCount;

        public AdaptiveRateController() : this(StopwatchSeconds)
        {
        }

        /// <summary>With a clock in seconds (tests drive it by hand).</summary>
        public AdaptiveRateController(Func<double> clock)
        {
            now = clock ?? throw new ArgumentNullException(nameof(clock));
            startedAt = now();
        }

        /// <summary>Raised after every cut with the new rate (requests/s); for -Verbose and tests.</summary>
        public event Action<double>? RateCut;

        /// <summary>The current send rate, or null while unthrottled.</summary>
        public double? Rate { get { lock (gate) { return CurrentRate(now()); } } }

        /// <summary>The accepted rate measured at the last cut: what the service allowed, for messages.</summary>
        public double? AcceptedAtLastCut { get { lock (gate) { return cuts == 0 ? (double?)null : acceptedPeak; } } }

        public long Throttles => Interlocked.Read(ref throttles);
        public long Cuts => Interlocked.Read(ref cuts);
        public long Successes => Interlocked.Read(ref successCount);

        /// <summary>Waits for this request's turn; returns the send time to hand back with the answer.</summary>
        public async Task<double> AcquireAsync(CancellationToken cancellationToken)
        {
            var ticket = TakeTicket();
            try
            {
                while (true)
                {
                    var (released, sendAt, wait) = TryRelease(ticket);
                    if (released)
                    {
                        return sendAt;
                    }
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                Abandon(ticket);
                throw;
            }
        }

        /// <summary>A place in the queue: requests leave in ticket order, so no waiter starves.</summary>
        public long TakeTicket()
        {
            lock (gate)
            {
                return nextTicket++;
            }
        }

        /// <summary>
        /// Lets <paramref name="ticket"/> go if it is its turn at the current rate; else how long to wait before asking
        /// again. The wait is an estimate at today's rate and capped, so a rate that changes meanwhile is picked up.
        /// </summary>
        public (bool Released, double SendAt, TimeSpan Wait) TryRelease(long ticket)
        {
            lock (gate)
            {
                var at = now();
                SkipAbandoned();
                var rate = CurrentRate(at);
                if (rate == null)
                {
                    releasedUpTo = Math.Max(releasedUpTo, ticket + 1);
                    lastReleaseAt = at;
                    return (true, at, TimeSpan.Zero);
                }
                var interval = 1 / rate.Value;
                var position = ticket - releasedUpTo;
                var due = lastReleaseAt + interval;
                if (position <= 0 && at >= due)
                {
                    releasedUpTo = ticket + 1;
                    // Keep the cadence when on time; after a pause, start counting from now (no catch-up burst).
                    lastReleaseAt = at - due < interval ? due : at;
                    return (true, at, TimeSpan.Zero);
                }
                var wait = Math.Max(due + Math.Max(0, position) * interval - at, MinimumWaitSeconds);
                return (false, at, TimeSpan.FromSeconds(position <= 0 ? wait : Math.Min(wait, MaximumWaitSeconds)));
            }
        }

        /// <summary>A canceled waiter gives its place up, so the queue does not stall behind it.</summary>
        public void Abandon(long ticket)
        {
            lock (gate)
            {
                if (ticket >= releasedUpTo)
                {
                    abandoned.Add(ticket);
                    SkipAbandoned();
                }
            }
        }

        private void SkipAbandoned()
        {
            while (abandoned.Remove(releasedUpTo))
            {
                releasedUpTo++;
            }
        }

        /// <summary>The service accepted a request: it counts towards the accepted rate.</summary>
        public void OnSuccess()
        {
            lock (gate)
            {
                successes.Enqueue(now());
                if (successes.Count > MaxRememberedSuccesses)
                {
                    successes.Dequeue();
                }
            }
            Interlocked.Increment(ref successCount);
        }

        /// <summary>The service throttled a request sent at <paramref name="sentAt"/>; true when this cut the rate.</summary>
        public bool OnThrottle(double sentAt)
        {
            Interlocked.Increment(ref throttles);
            double newRate;
            lock (gate)
            {
                if (sentAt < cutAt)
                {
                    // Sent before the last cut: the service is answering the old rate, already acted on.
                    return false;
                }
                var at = now();
                var accepted = AcceptedRate(at);
                var current = CurrentRate(at);
                double peak;
                if (accepted > 0)
                {
                    peak = current.HasValue ? Math.Min(accepted, current.Value) : accepted;
                }
                else
                {
                    // Nothing got through lately (someone else holds the quota): halve, or start slow.
                    peak = current.HasValue ? current.Value / 2 : 1;
                }
                acceptedPeak = Math.Max(MinimumRate, peak);
                cutAt = at;
                cutK = Math.Pow(acceptedPeak * (1 - CutFactor) / Growth, 1.0 / 3);
                newRate = CurrentRate(at)!.Value;
                // The next request waits a full interval at the new rate.
                lastReleaseAt = Math.Max(lastReleaseAt, at);
                cuts++;
            }
            RateCut?.Invoke(newRate);
            return true;
        }

        /// <summary>Successes per second over the last window (shorter only while the controller is younger).</summary>
        private double AcceptedRate(double at)
        {
            var window = AcceptedWindow.TotalSeconds;
            while (successes.Count > 0 && successes.Peek() < at - window)
            {
                successes.Dequeue();
            }
            var span = Math.Max(1.0, Math.Min(window, at - startedAt));
            return successes.Count / span;
        }

        /// <summary>CUBIC: peak·β at the cut, back to the peak after K seconds, then probing above it.</summary>
        private double? CurrentRate(double at)
        {
            if (double.IsNegativeInfinity(cutAt))
            {
                return null;
            }
            var t = at - cutAt - cutK;
            return Math.Max(MinimumRate, acceptedPeak + Growth * t * t * t);
        }

        private static readonly Stopwatch Clock = Stopwatch.StartNew();

        private static double StopwatchSeconds() => Clock.Elapsed.TotalSeconds;
    }
}
