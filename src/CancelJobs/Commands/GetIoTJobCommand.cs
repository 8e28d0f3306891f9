using System.Management.Automation;
using CancelJobs.Engine.IoT;
using CancelJobs.Engine.Model;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Gets AWS IoT jobs: one by id (DescribeJob) or a filtered list (ListJobs).</summary>
    [Cmdlet(VerbsCommon.Get, "IoTJob", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(IoTJob))]
    public sealed class GetIoTJobCommand : GetJobCmdlet<IoTJobCriteria, IoTJob>
    {
        private const string ListSet = "List";
        private const string DescribeSet = "Describe";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DescribeSet, ValueFromPipelineByPropertyName = true)]
        [Identifier]
        public string JobId { get; set; } = "";

        [Parameter]
        [ValidateSet("IN_PROGRESS", "CANCELED", "COMPLETED", "DELETION_IN_PROGRESS", "SCHEDULED", IgnoreCase = true)]
        public string? Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("CONTINUOUS", "SNAPSHOT", IgnoreCase = true)]
        public string? TargetSelection { get; set; }

        /// <summary>Only jobs that target this thing group.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Identifier]
        public string? ThingGroupName { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Identifier]
        public string? ThingGroupId { get; set; }

        protected override IJobReader<IoTJobCriteria, IoTJob> Reader => IoTJobs.Instance;

        protected override IoTJobCriteria CreateCriteria() => ParameterSetName == DescribeSet
            ? new IoTJobCriteria { JobId = JobId, Status = Status }
            : new IoTJobCriteria { Status = Status, TargetSelection = TargetSelection, ThingGroupName = ThingGroupName, ThingGroupId = ThingGroupId };
    }
}
