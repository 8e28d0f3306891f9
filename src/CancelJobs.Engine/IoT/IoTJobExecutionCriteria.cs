namespace CancelJobs.Engine.IoT
{
    /// <summary>
    /// What Get-IoTJobExecution asks for: a job's executions (JobId), a thing's (ThingName), or one thing's execution
    /// of one job (both).
    /// </summary>
    public sealed class IoTJobExecutionCriteria
    {
        public string? JobId { get; set; }

        /// <summary>A thing name (the cmdlet turns a thing ARN into one).</summary>
        public string? ThingName { get; set; }

        /// <summary>Filters a list, or the one execution when both JobId and ThingName are given.</summary>
        public string? Status { get; set; }

        /// <summary>The region a thing ARN named, when the thing was given as one: it may only be read in that region.</summary>
        public string? ArnRegion { get; set; }
    }
}
