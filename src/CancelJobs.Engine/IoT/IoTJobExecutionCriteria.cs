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

        /// <summary>Lists only; ignored for one execution.</summary>
        public string? Status { get; set; }
    }
}
