using System;

namespace CancelJobs.Engine.Model
{
    /// <summary>How long and how often -Wait polls.</summary>
    public sealed class WaitPolicy
    {
        public WaitPolicy(TimeSpan timeout, TimeSpan firstInterval, TimeSpan maxInterval)
        {
            Timeout = timeout;
            FirstInterval = firstInterval;
            MaxInterval = maxInterval;
        }

        public TimeSpan Timeout { get; }
        public TimeSpan FirstInterval { get; }
        public TimeSpan MaxInterval { get; }
    }
}
