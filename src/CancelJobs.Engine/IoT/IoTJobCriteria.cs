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
