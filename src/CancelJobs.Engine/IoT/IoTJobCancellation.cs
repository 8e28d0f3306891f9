using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.IoT
{
    public sealed class IoTJobCancellation : JobCancellation
    {
        public string JobId { get; set; } = "";
        public string? JobArn { get; set; }
        public string? Description { get; set; }

        /// <summary>True when the cancel used the API's force flag (-CancelInProgress): IN_PROGRESS executions were cancelled too.</summary>
        public bool Forced { get; set; }
    }
}
