using System;

namespace CancelJobs.Engine.Model
{
    /// <summary>-Wait gave up: the cancel was accepted, but the job had not reached a terminal state in time.</summary>
    public sealed class WaitTimeoutException : TimeoutException
    {
        public WaitTimeoutException(string target, string? lastStatus, TimeSpan timeout)
            : base($"The cancel request for {target} was accepted, but it was still {lastStatus ?? "in an unknown state"} after waiting {timeout.TotalSeconds:0.#} s for a terminal state.")
        {
        }
    }
}
