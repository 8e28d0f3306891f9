using CancelJobs.Engine.Model;

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
