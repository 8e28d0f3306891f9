using System.Collections.Generic;

namespace CancelJobs.Engine.IoT
{
    public sealed class IoTJobExecutionTarget
    {
        public IoTJobExecutionTarget(string thingName, string jobId) { ThingName = thingName; JobId = jobId; }

        public string ThingName { get; }
        public string JobId { get; }

        /// <summary>The API's <c>force</c>: also cancel an IN_PROGRESS execution.</summary>
        public bool Force { get; set; }
        public long? ExpectedVersion { get; set; }
        public IDictionary<string, string>? StatusDetails { get; set; }

        /// <summary>The region a thing ARN named, when the thing was given as one: the cancel may only go to that region.</summary>
        public string? ArnRegion { get; set; }
    }
}
