using System;
using System.Collections.Generic;
using CancelJobs.Engine.Model;

namespace CancelJobs.Engine.IoT
{
    /// <summary>One thing's execution of a job; carries both keys Stop-IoTJobExecution needs.</summary>
    public sealed class IoTJobExecution : JobRecord
    {
        public string JobId { get; set; } = "";
        public string ThingName { get; set; } = "";
        public string? ThingArn { get; set; }
        public long? ExecutionNumber { get; set; }
        public long? VersionNumber { get; set; }
        public int? RetryAttempt { get; set; }
        public bool? ForceCanceled { get; set; }
        public DateTimeOffset? QueuedAt { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? LastUpdatedAt { get; set; }
        public long? ApproximateSecondsBeforeTimedOut { get; set; }
        public IDictionary<string, string>? StatusDetails { get; set; }
    }
}
