using System;
using CancelJobs.Engine.Connection;

namespace CancelJobs.Engine.Model
{
    /// <summary>What every listed job and every cancellation result has in common.</summary>
    public abstract class JobRecord
    {
        /// <summary>The job's state as the service names it (TwinMaker's "state", the others' "status").</summary>
        public string? Status { get; set; }

        /// <summary>The AWS region the job was read or cancelled in (the region the request was signed for).</summary>
        public string? Region { get; set; }

        /// <summary>
        /// The connection this record was read with; a command it is piped into reuses it. Internal, not public: the
        /// object still carries it through the pipeline, but Export-Csv and ConvertTo-Json show only the job's fields.
        /// </summary>
        internal AwsConnection? Connection { get; set; }
    }

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
