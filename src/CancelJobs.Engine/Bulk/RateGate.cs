using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CancelJobs.Engine.Bulk
{
    /// <summary>Spaces request starts evenly so they never exceed a fixed rate (a client-side -MaxRequestsPerSecond).</summary>
    public sealed class RateGate
    {
        private readonly long intervalTicks;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly object gate = new object();
        private long nextSlotTicks;

        public RateGate(double requestsPerSecond)
        {
            if (!(requestsPerSecond > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), "The rate must be positive.");
            }
            intervalTicks = (long)(TimeSpan.TicksPerSecond / requestsPerSecond);
        }

        public Task WaitAsync(CancellationToken cancellationToken)
        {
            long delayTicks;
            lock (gate)
            {
                var now = clock.Elapsed.Ticks;
                var slot = Math.Max(now, nextSlotTicks);
                nextSlotTicks = slot + intervalTicks;
                delayTicks = slot - now;
            }
            return delayTicks <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromTicks(delayTicks), cancellationToken);
        }
    }
}
