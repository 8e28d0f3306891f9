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
}
