using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.IoT
{
    /// <summary>What Get-IoTJob asks for: one job (JobId: DescribeJob) or a filtered list (ListJobs).</summary>
    public sealed class IoTJobCriteria
    {
        public string? JobId { get; set; }
        public string? Status { get; set; }
        public string? TargetSelection { get; set; }
        public string? ThingGroupName { get; set; }
        public string? ThingGroupId { get; set; }
    }
}
