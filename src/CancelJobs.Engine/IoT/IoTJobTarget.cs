namespace CancelJobs.Engine.IoT
{
    /// <summary>What Stop-IoTJob cancels: a whole IoT job, and how.</summary>
    public sealed class IoTJobTarget
    {
        public IoTJobTarget(string jobId) { JobId = jobId; }

        public string JobId { get; }

        /// <summary>The API's <c>force</c>: also cancel the job's IN_PROGRESS executions (otherwise only its QUEUED ones).</summary>
        public bool Force { get; set; }

        public string? ReasonCode { get; set; }
        public string? Comment { get; set; }
    }
}
