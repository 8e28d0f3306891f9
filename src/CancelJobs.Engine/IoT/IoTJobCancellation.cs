using CancelJobs.Engine.Model;

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
