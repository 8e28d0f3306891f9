using System.Collections.Generic;
using System.Management.Automation;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.IoT;
using CancelJobs.Engine.Validation;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>
    /// Gets AWS IoT job executions: of a job (ListJobExecutionsForJob), of a thing (ListJobExecutionsForThing), or
    /// one thing's execution of one job (DescribeJobExecution).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IoTJobExecution")]
    [OutputType(typeof(IoTJobExecution))]
    public sealed class GetIoTJobExecutionCommand : GetJobCmdlet<IoTJobExecution>
    {
        private const string ForJobSet = "ForJob";
        private const string ForThingSet = "ForThing";
        private const string DescribeSet = "Describe";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ForJobSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DescribeSet, ValueFromPipelineByPropertyName = true)]
        public string JobId { get; set; } = "";

        /// <summary>A thing name; a thing ARN is accepted too.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ForThingSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = DescribeSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ThingArn")]
        [ThingNameFromArn]
        public string ThingName { get; set; } = "";

        [Parameter(ParameterSetName = ForJobSet)]
        [Parameter(ParameterSetName = ForThingSet)]
        [ValidateSet("QUEUED", "IN_PROGRESS", "SUCCEEDED", "FAILED", "TIMED_OUT", "REJECTED", "REMOVED", "CANCELED", IgnoreCase = true)]
        public string? Status { get; set; }

        protected override AwsService Service => AwsService.IoT;

        protected override int MaxPageSize => IoTJobExecutions.MaxPageSize;

        protected override IReadOnlyList<string> Validate() => IdentifierRules.Collect(
            ParameterSetName == ForThingSet ? null : IdentifierRules.IoTJobId.Check("JobId", JobId),
            ParameterSetName == ForJobSet ? null : IdentifierRules.IoTThingName.Check("ThingName", ThingName));

        protected override IEnumerable<JobQuery<IoTJobExecution>> CreateQueries()
        {
            var executions = IoTJobExecutions.Instance;
            var jobId = JobId;
            var thingName = ThingName;
            var status = Status?.ToUpperInvariant();
            switch (ParameterSetName)
            {
                case DescribeSet:
                    yield return JobQuery<IoTJobExecution>.Get($"IoT job execution {jobId} on thing {thingName}", thingName,
                        executions.DescribeRequest(thingName, jobId), executions.ReadExecution);
                    break;
                case ForThingSet:
                    // The summaries name the job but not the thing; the reader fills ThingName from the parameter.
                    yield return JobQuery<IoTJobExecution>.List($"IoT job executions on thing {thingName}", thingName,
                        (token, size) => executions.ListForThingRequest(thingName, status, token, size),
                        response => executions.ReadListPage(response, null, thingName));
                    break;
                default:
                    // The summaries carry thingArn only; the reader turns it into ThingName so Stop-IoTJobExecution binds.
                    yield return JobQuery<IoTJobExecution>.List($"IoT job executions of job {jobId}", jobId,
                        (token, size) => executions.ListForJobRequest(jobId, status, token, size),
                        response => executions.ReadListPage(response, jobId, null));
                    break;
            }
        }
    }
}
