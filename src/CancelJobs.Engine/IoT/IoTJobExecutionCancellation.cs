using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.IoT
{
    public sealed class IoTJobExecutionCancellation : JobCancellation
    {
        public string ThingName { get; set; } = "";
        public string JobId { get; set; } = "";

        /// <summary>True when the cancel used the API's force flag (-CancelInProgress).</summary>
        public bool Forced { get; set; }
    }
}
