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
    /// Sends are spaced by reservation (each caller gets the next slot in order), so no waiter starves.
    /// See docs/ARCHITECTURE.md ("Rate control") for why this shape over AIMD or SRE-style client throttling.
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

        private readonly Func<double> now;
        private readonly object gate = new object();
        private readonly Queue<double> successes = new Queue<double>();
        private readonly double startedAt;
        private double acceptedPeak;
        private double cutAt = double.NegativeInfinity;
        private double cutK;
        private double nextSlot;
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
            var (sendAt, wait) = Reserve();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            return sendAt;
        }

        /// <summary>Takes the next send slot: when to send and how long to wait for it.</summary>
        public (double SendAt, TimeSpan Wait) Reserve()
        {
            lock (gate)
            {
                var at = now();
                var rate = CurrentRate(at);
                if (rate == null)
                {
                    nextSlot = at;
                    return (at, TimeSpan.Zero);
                }
                var slot = Math.Max(at, nextSlot);
                nextSlot = slot + 1 / rate.Value;
                return (slot, TimeSpan.FromSeconds(slot - at));
            }
        }

        public void OnSuccess(double sentAt)
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
                // Slots already handed out at the old rate stand; the next one waits a full interval at the new rate.
                nextSlot = Math.Max(nextSlot, at + 1 / newRate);
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
