using System;
using System.Threading;
using System.Threading.Tasks;

namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// How a client sends a throttled request again: for how long from its first throttled answer, and what to wait for
    /// before each resend. Fixed when the client is built (one command's settings), never changed on a shared client.
    /// </summary>
    public sealed class ResendPolicy
    {
        /// <summary>How long one call may keep being throttled when the caller sets no limit.</summary>
        public static readonly TimeSpan DefaultThrottleTimeout = TimeSpan.FromMinutes(10);

        public static readonly ResendPolicy Default = new ResendPolicy(DefaultThrottleTimeout);

        public ResendPolicy(TimeSpan throttleTimeout, Func<CancellationToken, Task>? beforeResend = null)
        {
            if (throttleTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleTimeout), "The throttle timeout must be positive.");
            }
            ThrottleTimeout = throttleTimeout;
            BeforeResend = beforeResend;
        }

        /// <summary>How long one call may keep being throttled, from its first throttled answer.</summary>
        public TimeSpan ThrottleTimeout { get; }

        /// <summary>Waited for before a throttled request is sent again (a caller's own rate ceiling), if set.</summary>
        public Func<CancellationToken, Task>? BeforeResend { get; }
    }
}
