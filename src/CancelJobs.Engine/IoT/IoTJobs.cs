using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.IoT
{
    /// <summary>
    /// AWS IoT jobs as a whole on the wire: CancelJob (IJobService) and Get-IoTJob's ListJobs/DescribeJob (IJobReader).
    /// CancelJob models no state-conflict error: a job that can no longer be cancelled is an InvalidRequestException,
    /// so <see cref="StateRefusalCodes"/> names it and the job's state, read once, tells a refusal from a bad request.
    /// </summary>
    public sealed class IoTJobs : IJobReader<IoTJobCriteria, IoTJob>, IJobService<IoTJobTarget, IoTJobCancellation>, IRefusesByState
    {
        public static readonly IoTJobs Instance = new IoTJobs();

        public static readonly string[] Statuses = { "IN_PROGRESS", "CANCELED", "COMPLETED", "DELETION_IN_PROGRESS", "SCHEDULED" };
        public static readonly string[] TargetSelections = { "CONTINUOUS", "SNAPSHOT" };

        // The model's constraints (models/aws-model-constraints.json, IoT CancelJob and ListJobs).
        // The model says ^[\p{Upper}\p{Digit}_]+$; AWS reads it as Java does, where both classes are ASCII (A-Z, 0-9).
        public static readonly IdentifierRule ReasonCodeRule = new IdentifierRule("IoT job reason code", 1, 128, @"^[A-Z0-9_]+$");
        // The model's ^[^\p{C}]+$ reads whole characters; an emoji's surrogate halves (Cs) are one character there.
        public static readonly IdentifierRule CommentRule = new IdentifierRule("IoT job comment", 1, 2028, @"^[^\p{Cc}\p{Cf}\p{Co}\p{Cn}]+$");
        public static readonly IdentifierRule ThingGroupNameRule = new IdentifierRule("IoT ThingGroupName", 1, 128, @"^[a-zA-Z0-9:_-]+$");
        public static readonly IdentifierRule ThingGroupIdRule = new IdentifierRule("IoT ThingGroupId", 1, 128, @"^[a-zA-Z0-9\-]+$");

        public AwsService Service => AwsService.IoT;
        public int MaxPageSize => 250;
        public int MinPageSize => 1;

        public IReadOnlyCollection<string> StateRefusalCodes { get; } = new[] { "InvalidRequestException" };

        public IReadOnlyList<string> Validate(IoTJobTarget target) => IdentifierRules.Collect(
            IdentifierRules.IoTJobId.Check("JobId", target.JobId),
            target.ReasonCode == null ? null : ReasonCodeRule.Check("ReasonCode", target.ReasonCode),
            target.Comment == null ? null : CommentRule.Check("Comment", target.Comment));

        public string Describe(IoTJobTarget target) => $"IoT job {target.JobId}";

        public ApiRequest CancelRequest(IoTJobTarget target)
        {
            var request = ApiRequest.Rest("CancelJob", "PUT", "/jobs/{jobId}/cancel")
                .WithPath("jobId", target.JobId)
                .WithQuery("force", target.Force ? "true" : null)
                .Expecting(CancelAnswer);
            // Body members exist, so the body is a JSON object ({} when none is set), as the AWS SDKs send it.
            request.WithBody(writer =>
            {
                if (target.ReasonCode != null)
                {
                    writer.WriteString("reasonCode", target.ReasonCode);
                }
                if (target.Comment != null)
                {
                    writer.WriteString("comment", target.Comment);
                }
            });
            return request;
        }

        // CancelJob answers {jobArn, jobId, description}; the job is CANCELED from then on (its executions follow).
        public IoTJobCancellation ReadCancellation(IoTJobTarget target, ApiResponse response, DateTime answeredAt) =>
            new IoTJobCancellation
            {
                JobId = response.Body.String("jobId") ?? target.JobId,
                JobArn = response.Body.String("jobArn"),
                Description = response.Body.String("description"),
                Forced = target.Force,
                Status = "CANCELED",
                RequestTime = answeredAt,
            };

        public ApiRequest StatusRequest(IoTJobTarget target) => DescribeRequest(target.JobId);

        public string? ReadStatus(IoTJobTarget target, ApiResponse response) => response.Body.Object("job").String("status");

        // A job being deleted will not start executions again either: -Wait has nothing more to wait for.
        public bool IsTerminal(string status) => status == "CANCELED" || status == "COMPLETED" || status == "DELETION_IN_PROGRESS";

        /// <summary>
        /// CANCELED, and DELETION_IN_PROGRESS: DeleteJob (with force) already stops the job and its executions, so a
        /// cancel has nothing left to do and re-runs stay clean; the result carries the state it found.
        /// </summary>
        public IReadOnlyCollection<string> CancelledStates { get; } = new HashSet<string> { "CANCELED", "DELETION_IN_PROGRESS" };

        private static readonly ResponseShape CancelAnswer = ResponseShape.Of("jobId:string", "jobArn:string", "description:string");
        private static readonly ResponseShape DescribeAnswer = ResponseShape.Of("job:object*", "job.status:string");
        private static readonly ResponseShape ListAnswer = ResponseShape.Of("jobs:array", "nextToken:string");

        public ApiRequest DescribeRequest(string jobId) =>
            ApiRequest.Rest("DescribeJob", "GET", "/jobs/{jobId}")
                .WithPath("jobId", jobId)
                .Expecting(DescribeAnswer);

        public ApiRequest ListRequest(IoTJobCriteria criteria, string? nextToken, int maxResults) =>
            ApiRequest.Rest("ListJobs", "GET", "/jobs")
                .WithQuery("status", criteria.Status?.ToUpperInvariant())
                .WithQuery("targetSelection", criteria.TargetSelection?.ToUpperInvariant())
                .WithQuery("thingGroupName", criteria.ThingGroupName)
                .WithQuery("thingGroupId", criteria.ThingGroupId)
                .WithPage(nextToken, maxResults)
                .Expecting(ListAnswer);

        public IoTJob ReadJob(ApiResponse response)
        {
            var job = response.Body.Object("job");
            var details = job.Object("jobProcessDetails");
            return new IoTJob
            {
                JobId = job.String("jobId") ?? "",
                JobArn = job.String("jobArn"),
                Status = job.String("status"),
                TargetSelection = job.String("targetSelection"),
                Description = job.String("description"),
                ForceCanceled = job.Bool("forceCanceled"),
                ReasonCode = job.String("reasonCode"),
                Comment = job.String("comment"),
                IsConcurrent = job.Bool("isConcurrent"),
                Targets = job.Strings("targets"),
                CreatedAt = job.EpochTime("createdAt"),
                LastUpdatedAt = job.EpochTime("lastUpdatedAt"),
                CompletedAt = job.EpochTime("completedAt"),
                QueuedThings = details.Int("numberOfQueuedThings"),
                InProgressThings = details.Int("numberOfInProgressThings"),
                SucceededThings = details.Int("numberOfSucceededThings"),
                FailedThings = details.Int("numberOfFailedThings"),
                CanceledThings = details.Int("numberOfCanceledThings"),
            };
        }

        public Page<IoTJob> ReadListPage(ApiResponse response) =>
            new Page<IoTJob>(response.Body.Array("jobs").Select(item => new IoTJob
            {
                JobId = item.String("jobId") ?? "",
                JobArn = item.String("jobArn"),
                Status = item.String("status"),
                TargetSelection = item.String("targetSelection"),
                ThingGroupId = item.String("thingGroupId"),
                IsConcurrent = item.Bool("isConcurrent"),
                CreatedAt = item.EpochTime("createdAt"),
                LastUpdatedAt = item.EpochTime("lastUpdatedAt"),
                CompletedAt = item.EpochTime("completedAt"),
            }).ToList(), response.Body.String("nextToken"));

        public IReadOnlyList<string> Validate(IoTJobCriteria criteria) => IdentifierRules.Collect(
            criteria.JobId == null ? null : IdentifierRules.IoTJobId.Check("JobId", criteria.JobId),
            criteria.ThingGroupName == null ? null : ThingGroupNameRule.Check("ThingGroupName", criteria.ThingGroupName),
            criteria.ThingGroupId == null ? null : ThingGroupIdRule.Check("ThingGroupId", criteria.ThingGroupId));

        public IReadOnlyList<JobQuery<IoTJob>> Queries(IoTJobCriteria criteria)
        {
            var jobId = criteria.JobId;
            if (jobId != null)
            {
                var status = criteria.Status?.ToUpperInvariant();
                var job = $"IoT job {jobId}";
                return new[]
                {
                    status == null
                        ? JobQuery<IoTJob>.Get(job, jobId, DescribeRequest(jobId), ReadJob)
                        // -Status filters one job as it filters a list: another status writes nothing, and is no error.
                        : JobQuery<IoTJob>.Filter(job, job, jobId, (token, size) => DescribeRequest(jobId),
                            response => ReadJob(response) is var found && found.Status == status
                                ? new Page<IoTJob>(new[] { found }, null)
                                : new Page<IoTJob>(Array.Empty<IoTJob>(), null)),
                };
            }
            var group = criteria.ThingGroupName ?? criteria.ThingGroupId;
            return new[]
            {
                JobQuery<IoTJob>.List(group == null ? "IoT jobs" : $"IoT jobs of thing group {group}", group == null ? null : $"IoT thing group {group}", group ?? "",
                    (token, size) => ListRequest(criteria, token, size), ReadListPage),
            };
        }
    }
}
