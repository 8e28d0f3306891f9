using System.Collections.Generic;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.IoT
{
    /// <summary>Get-IoTJobExecution's reads: DescribeJobExecution, ListJobExecutionsForJob or ListJobExecutionsForThing.</summary>
    public sealed class IoTJobExecutionReader : IJobReader<IoTJobExecutionCriteria, IoTJobExecution>
    {
        public static readonly IoTJobExecutionReader Instance = new IoTJobExecutionReader();

        private static readonly IoTJobExecutions Executions = IoTJobExecutions.Instance;

        public AwsService Service => AwsService.IoT;

        public int MaxPageSize => IoTJobExecutions.MaxPageSize;

        public int MinPageSize => 1;

        public IReadOnlyList<string> Validate(IoTJobExecutionCriteria criteria) => IdentifierRules.Collect(
            criteria.JobId == null ? null : IdentifierRules.IoTJobId.Check("JobId", criteria.JobId),
            criteria.ThingName == null ? null : IdentifierRules.IoTThingName.Check("ThingName", criteria.ThingName),
            criteria.JobId == null && criteria.ThingName == null ? "Neither JobId nor ThingName is given." : null);

        public IReadOnlyList<JobQuery<IoTJobExecution>> Queries(IoTJobExecutionCriteria criteria)
        {
            var jobId = criteria.JobId;
            var thingName = criteria.ThingName;
            var status = criteria.Status?.ToUpperInvariant();
            if (jobId != null && thingName != null)
            {
                return new[]
                {
                    JobQuery<IoTJobExecution>.Get($"IoT job execution {jobId} on thing {thingName}", thingName,
                        Executions.DescribeRequest(thingName, jobId), Executions.ReadExecution),
                };
            }
            if (thingName != null)
            {
                // The summaries name the job but not the thing; the reader fills ThingName from the criteria.
                return new[]
                {
                    JobQuery<IoTJobExecution>.List($"IoT job executions on thing {thingName}", $"IoT thing {thingName}", thingName,
                        (token, size) => Executions.ListForThingRequest(thingName, status, token, size),
                        response => Executions.ReadListPage(response, null, thingName)),
                };
            }
            // The summaries carry thingArn only; the reader turns it into ThingName so Stop-IoTJobExecution binds.
            var job = jobId ?? "";
            return new[]
            {
                JobQuery<IoTJobExecution>.List($"IoT job executions of job {job}", $"IoT job {job}", job,
                    (token, size) => Executions.ListForJobRequest(job, status, token, size),
                    response => Executions.ReadListPage(response, job, null)),
            };
        }
    }
}
