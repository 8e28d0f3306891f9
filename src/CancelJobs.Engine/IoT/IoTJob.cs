using System;
using CancelJobs.Engine.Model;

namespace CancelJobs.Engine.IoT
{
    /// <summary>One IoT job (ListJobs summary or DescribeJob); its JobId binds to Stop-IoTJob and Get-IoTJobExecution.</summary>
    public sealed class IoTJob : JobRecord
    {
        public string JobId { get; set; } = "";
        public string? JobArn { get; set; }
        public string? TargetSelection { get; set; }
        public string? ThingGroupId { get; set; }
        public string? Description { get; set; }
        public bool? ForceCanceled { get; set; }
        public string? ReasonCode { get; set; }
        public string? Comment { get; set; }
        public bool? IsConcurrent { get; set; }
        public string[]? Targets { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? LastUpdatedAt { get; set; }
        public DateTimeOffset? CompletedAt { get; set; }
        public int? QueuedThings { get; set; }
        public int? InProgressThings { get; set; }
        public int? SucceededThings { get; set; }
        public int? FailedThings { get; set; }
        public int? CanceledThings { get; set; }
    }
}
