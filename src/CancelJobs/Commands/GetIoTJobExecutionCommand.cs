using System.Management.Automation;
using CancelJobs.Engine.IoT;
using CancelJobs.Engine.Model;
using CancelJobs.Infrastructure;
using CancelJobs.Engine.Errors;

namespace CancelJobs.Commands
{
    /// <summary>
    /// Gets AWS IoT job executions: of a job (ListJobExecutionsForJob), of a thing (ListJobExecutionsForThing), or
    /// one thing's execution of one job (DescribeJobExecution).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IoTJobExecution", DefaultParameterSetName = NeitherSet)]
    [OutputType(typeof(IoTJobExecution))]
    public sealed class GetIoTJobExecutionCommand : GetJobCmdlet<IoTJobExecutionCriteria, IoTJobExecution>
    {
        private const string ForJobSet = "ForJob";
        private const string ForThingSet = "ForThing";
        private const string DescribeSet = "Describe";

        // Chosen when neither -JobId nor -ThingName is bound, so the error names them instead of PowerShell's
        // "parameter set cannot be resolved".
        private const string NeitherSet = "NeedsJobIdOrThingName";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ForJobSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DescribeSet, ValueFromPipelineByPropertyName = true)]
        // Also in the default set, by property name: with only -Status on the command line PowerShell settles on it before
        // the pipeline binds, and a piped job (Get-IoTJob's output) must still name the job.
        [Parameter(ParameterSetName = NeitherSet, ValueFromPipelineByPropertyName = true)]
        [Identifier]
        public string JobId { get; set; } = "";

        /// <summary>A thing name; a thing ARN is accepted too.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ForThingSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = DescribeSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = NeitherSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ThingArn")]
        [Identifier]
        public string ThingName { get; set; } = "";

        [Parameter(ParameterSetName = ForJobSet)]
        [Parameter(ParameterSetName = ForThingSet)]
        [Parameter(ParameterSetName = DescribeSet)]
        [Parameter(ParameterSetName = NeitherSet)]
        [ValidateSet("QUEUED", "IN_PROGRESS", "SUCCEEDED", "FAILED", "TIMED_OUT", "REJECTED", "REMOVED", "CANCELED", IgnoreCase = true)]
        public string? Status { get; set; }

        protected override IJobReader<IoTJobExecutionCriteria, IoTJobExecution> Reader => IoTJobExecutions.Instance;

        protected override IoTJobExecutionCriteria CreateCriteria()
        {
            // A whole thing ARN names the thing and its region; anything else stays as it is, for validation to judge.
            var thing = ParameterSetName == ForJobSet || ThingName.Length == 0 ? null : ThingName;
            var isArn = IoTJobExecutions.TryParseThingArn(thing, out var region, out var name);
            return new IoTJobExecutionCriteria
            {
                JobId = ParameterSetName == ForThingSet || JobId.Length == 0 ? null : JobId,
                ThingName = isArn ? name : thing,
                Status = Status,
                ArnRegion = isArn ? region : null,
            };
        }

        protected override string? ConflictWithConnection(IoTJobExecutionCriteria criteria, string description, string region) =>
            IoTJobExecutions.RegionConflict(criteria.ArnRegion, description, region);

        protected override ErrorRecord? UsageError() => ParameterSetName != NeitherSet || JobId.Length > 0 || ThingName.Length > 0 ? null : ErrorRecords.BeforeSending(
            "Get-IoTJobExecution needs -JobId (a job's executions), -ThingName (a thing's executions) or both (one execution).",
            ErrorIds.JobIdOrThingNameRequired, ErrorCategory.InvalidArgument, null);
    }
}
