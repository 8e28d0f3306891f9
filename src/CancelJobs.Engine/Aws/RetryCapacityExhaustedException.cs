using System;

namespace CancelJobs.Engine.Aws
{
    /// <summary>A server or transport error that Core did not retry because its retry capacity for the endpoint was spent.</summary>
    public sealed class RetryCapacityExhaustedException : Exception
    {
        public RetryCapacityExhaustedException(int attempts, Exception lastError)
            : base($"AWSSDK.Core's retry capacity for this endpoint was exhausted after {attempts} attempt(s), so the request was not retried.", lastError)
        {
            Attempts = attempts;
        }

        public int Attempts { get; }
    }
}
