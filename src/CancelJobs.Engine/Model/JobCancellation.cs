using System;

namespace CancelJobs.Engine.Model
{
    /// <summary>The outcome of one cancel request.</summary>
    public abstract class JobCancellation : JobRecord
    {
        /// <summary>When the cancel request was answered (UTC).</summary>
        public DateTimeOffset RequestTime { get; set; }

        /// <summary>True when the job was already cancelled or cancelling, so this request changed nothing (re-runs are clean).</summary>
        public bool AlreadyCancelled { get; set; }

        /// <summary>True once -Wait has seen the job reach a terminal state.</summary>
        public bool Completed { get; set; }

        /// <summary>The service's request id for the cancel (x-amzn-RequestId), to match CloudTrail and AWS Support cases.</summary>
        public string? ServiceRequestId { get; set; }

        /// <summary>HTTP attempts the cancel request took, retries included.</summary>
        public int Attempts { get; set; }
    }
}
