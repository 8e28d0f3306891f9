using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.IoT
{
    /// <summary>AWS IoT job executions on the wire: the cancel workflow (IJobService) and Get-IoTJobExecution's reads (IJobReader).</summary>
    public sealed class IoTJobExecutions : IJobReader<IoTJobExecutionCriteria, IoTJobExecution>, IJobService<IoTJobExecutionTarget, IoTJobExecutionCancellation>
    {
        public static readonly IoTJobExecutions Instance = new IoTJobExecutions();

        public static readonly string[] Statuses = { "QUEUED", "IN_PROGRESS", "SUCCEEDED", "FAILED", "TIMED_OUT", "REJECTED", "REMOVED", "CANCELED" };
        public int MaxPageSize => 250;

        public int MinPageSize => 1;

        private static readonly HashSet<string> Terminal = new HashSet<string> { "SUCCEEDED", "FAILED", "TIMED_OUT", "REJECTED", "REMOVED", "CANCELED" };

        public AwsService Service => AwsService.IoT;

        public IReadOnlyList<string> Validate(IoTJobExecutionTarget target)
        {
            var problems = IdentifierRules.Collect(
                CheckThingName(target.ThingName),
                IdentifierRules.IoTJobId.Check("JobId", target.JobId)).ToList();
            if (target.StatusDetails != null)
            {
                if (target.StatusDetails.Count > IdentifierRules.IoTMaxStatusDetails)
                {
                    problems.Add($"StatusDetail has {target.StatusDetails.Count} pairs; IoT accepts at most {IdentifierRules.IoTMaxStatusDetails}.");
                }
                foreach (var pair in target.StatusDetails)
                {
                    problems.AddRange(IdentifierRules.Collect(
                        IdentifierRules.IoTStatusDetailKey.Check("StatusDetail key", pair.Key),
                        IdentifierRules.IoTStatusDetailValue.Check($"StatusDetail value of '{pair.Key}'", pair.Value)));
                }
            }
            if (target.ExpectedVersion < 0)
            {
                problems.Add($"ExpectedVersion {target.ExpectedVersion} is negative.");
            }
            return problems;
        }

        public string Describe(IoTJobExecutionTarget target) =>
            $"IoT job execution {target.JobId} on thing {target.ThingName}" + (target.ArnRegion == null ? "" : $" (thing ARN in {target.ArnRegion})");

        /// <summary>Why a thing ARN of one region must not be sent to <paramref name="region"/>, or null.</summary>
        public static string? RegionConflict(string? arnRegion, string description, string region) =>
            arnRegion == null || arnRegion == region ? null
            : $"Nothing was sent for {description}: its thing ARN is in {arnRegion}, but this command sends to {region}, where a thing of the "
              + $"same name would be another device. Add {Errors.Mention.Region} {arnRegion}.";

        public ApiRequest CancelRequest(IoTJobExecutionTarget target)
        {
            var request = ApiRequest.Rest("CancelJobExecution", "PUT", "/things/{thingName}/jobs/{jobId}/cancel")
                .WithPath("thingName", target.ThingName)
                .WithPath("jobId", target.JobId)
                .WithQuery("force", target.Force ? "true" : null);
            // The operation has body members, so the body is always a JSON object ({} when none is set), as the
            // AWS SDKs send it (the JS SDK v3: "{}" as application/json).
            request.WithBody(writer =>
            {
                if (target.ExpectedVersion.HasValue)
                {
                    writer.WriteNumber("expectedVersion", target.ExpectedVersion.Value);
                }
                if (target.StatusDetails != null)
                {
                    writer.WriteStartObject("statusDetails");
                    foreach (var pair in target.StatusDetails)
                    {
                        writer.WriteString(pair.Key, pair.Value);
                    }
                    writer.WriteEndObject();
                }
            });
            return request;
        }

        // The response is empty: a successful cancel leaves the execution CANCELED.
        public IoTJobExecutionCancellation ReadCancellation(IoTJobExecutionTarget target, ApiResponse response, DateTime answeredAt) =>
            new IoTJobExecutionCancellation
            {
                ThingName = target.ThingName,
                JobId = target.JobId,
                Forced = target.Force,
                Status = "CANCELED",
                RequestTime = answeredAt,
            };

        public ApiRequest StatusRequest(IoTJobExecutionTarget target) => DescribeRequest(target.ThingName, target.JobId);

        public string? ReadStatus(IoTJobExecutionTarget target, ApiResponse response) => response.Body.Object("execution").String("status");

        public bool IsTerminal(string status) => Terminal.Contains(status);

        public IReadOnlyCollection<string> CancelledStates { get; } = new HashSet<string> { "CANCELED" };

        public ApiRequest DescribeRequest(string thingName, string jobId) =>
            ApiRequest.Rest("DescribeJobExecution", "GET", "/things/{thingName}/jobs/{jobId}")
                .WithPath("thingName", thingName)
                .WithPath("jobId", jobId)
                .Expecting(DescribeAnswer);

        // What the answers must hold (CancelJobExecution's is empty), so an answer in another shape is never read as one.
        private static readonly ResponseShape DescribeAnswer = ResponseShape.Of("execution:object*", "execution.status:string");

        private static readonly ResponseShape ListAnswer = ResponseShape.Of("executionSummaries:array", "nextToken:string");

        public ApiRequest ListForJobRequest(string jobId, string? status, string? nextToken, int maxResults) =>
            ApiRequest.Rest("ListJobExecutionsForJob", "GET", "/jobs/{jobId}/things")
                .WithPath("jobId", jobId)
                .WithQuery("status", status)
                .WithPage(nextToken, maxResults)
                .Expecting(ListAnswer);

        public ApiRequest ListForThingRequest(string thingName, string? status, string? nextToken, int maxResults) =>
            ApiRequest.Rest("ListJobExecutionsForThing", "GET", "/things/{thingName}/jobs")
                .WithPath("thingName", thingName)
                .WithQuery("status", status)
                .WithPage(nextToken, maxResults)
                .Expecting(ListAnswer);

        public IoTJobExecution ReadExecution(ApiResponse response)
        {
            var execution = response.Body.Object("execution");
            var thingArn = execution.String("thingArn");
            return new IoTJobExecution
            {
                JobId = execution.String("jobId") ?? "",
                ThingArn = thingArn,
                ThingName = ThingNameFromArn(thingArn) ?? "",
                Status = execution.String("status"),
                ForceCanceled = execution.Bool("forceCanceled"),
                StatusDetails = execution.Object("statusDetails").StringMap("detailsMap"),
                QueuedAt = execution.EpochTime("queuedAt"),
                StartedAt = execution.EpochTime("startedAt"),
                LastUpdatedAt = execution.EpochTime("lastUpdatedAt"),
                ExecutionNumber = execution.Long("executionNumber"),
                VersionNumber = execution.Long("versionNumber"),
                ApproximateSecondsBeforeTimedOut = execution.Long("approximateSecondsBeforeTimedOut"),
            };
        }

        /// <summary>A list page; <paramref name="jobId"/> or <paramref name="thingName"/> fills the key the summaries omit.</summary>
        public Page<IoTJobExecution> ReadListPage(ApiResponse response, string? jobId, string? thingName) =>
            new Page<IoTJobExecution>(response.Body.Array("executionSummaries").Select(item =>
            {
                var summary = item.Object("jobExecutionSummary");
                var thingArn = item.String("thingArn");
                return new IoTJobExecution
                {
                    JobId = item.String("jobId") ?? jobId ?? "",
                    ThingArn = thingArn,
                    ThingName = ThingNameFromArn(thingArn) ?? thingName ?? "",
                    Status = summary.String("status"),
                    QueuedAt = summary.EpochTime("queuedAt"),
                    StartedAt = summary.EpochTime("startedAt"),
                    LastUpdatedAt = summary.EpochTime("lastUpdatedAt"),
                    ExecutionNumber = summary.Long("executionNumber"),
                    RetryAttempt = summary.Int("retryAttempt"),
                };
            }).ToList(), response.Body.String("nextToken"));

        /// <summary>arn:aws:iot:region:account:thing/NAME → NAME; null for anything that is not a whole thing ARN.</summary>
        public static string? ThingNameFromArn(string? thingArn) => TryParseThingArn(thingArn, out _, out var name) ? name : null;

        // Every part checked, not only what follows "thing/": the region decides where a cancel goes.
        private static readonly Regex ThingArnShape = new Regex(@"^arn:aws[a-z-]*:iot:([a-z]{2,4}(?:-[a-z]+)+-\d+):(\d{12}):thing/([^/]+)\z", RegexOptions.CultureInvariant);

        /// <summary>The region and thing name of a thing ARN (arn:PARTITION:iot:REGION:ACCOUNT:thing/NAME).</summary>
        public static bool TryParseThingArn(string? thingArn, out string region, out string thingName)
        {
            var match = thingArn == null ? null : ThingArnShape.Match(thingArn);
            region = match?.Success == true ? match.Groups[1].Value : "";
            thingName = match?.Success == true ? match.Groups[3].Value : "";
            return match?.Success == true;
        }

        /// <summary>The IoT ThingName rule, with a message of its own for an ARN that is not a thing ARN.</summary>
        // Null when -ThingName $null is given (or a null is splatted into its position): "ThingName is empty", like the others.
        private static string? CheckThingName(string? thingName) =>
            thingName != null && thingName.StartsWith("arn:", StringComparison.Ordinal)
                ? $"ThingName '{IdentifierText.Escape(thingName.Length <= 100 ? thingName : thingName.Substring(0, 97) + "...")}' is not a thing ARN "
                  + "(arn:aws:iot:REGION:ACCOUNT:thing/NAME) nor a thing name."
                : IdentifierRules.IoTThingName.Check("ThingName", thingName);

        // Get-*: which queries answer the criteria.

        public IReadOnlyList<string> Validate(IoTJobExecutionCriteria criteria) => IdentifierRules.Collect(
            criteria.JobId == null ? null : IdentifierRules.IoTJobId.Check("JobId", criteria.JobId),
            criteria.ThingName == null ? null : CheckThingName(criteria.ThingName),
            criteria.JobId == null && criteria.ThingName == null ? "Neither JobId nor ThingName is given." : null);

        public IReadOnlyList<JobQuery<IoTJobExecution>> Queries(IoTJobExecutionCriteria criteria)
        {
            var jobId = criteria.JobId;
            var thingName = criteria.ThingName;
            var status = criteria.Status?.ToUpperInvariant();
            if (jobId != null && thingName != null)
            {
                var execution = $"IoT job execution {jobId} on thing {thingName}";
                return new[]
                {
                    status == null
                        ? JobQuery<IoTJobExecution>.Get(execution, thingName, DescribeRequest(thingName, jobId), ReadExecution)
                        // -Status filters one execution as it filters a list (things piped in, the QUEUED ones out): another
                        // status writes nothing, and is no error.
                        : JobQuery<IoTJobExecution>.Filter(execution, execution, thingName, (token, size) => DescribeRequest(thingName, jobId),
                            response => ReadExecution(response) is var found && found.Status == status
                                ? new Page<IoTJobExecution>(new[] { found }, null)
                                : new Page<IoTJobExecution>(Array.Empty<IoTJobExecution>(), null)),
                };
            }
            if (thingName != null)
            {
                // The summaries name the job but not the thing; the reader fills ThingName from the criteria.
                return new[]
                {
                    JobQuery<IoTJobExecution>.List($"IoT job executions on thing {thingName}", $"IoT thing {thingName}", thingName,
                        (token, size) => ListForThingRequest(thingName, status, token, size),
                        response => ReadListPage(response, null, thingName)),
                };
            }
            // The summaries carry thingArn only; the reader turns it into ThingName so Stop-IoTJobExecution binds.
            var job = jobId ?? "";
            return new[]
            {
                JobQuery<IoTJobExecution>.List($"IoT job executions of job {job}", $"IoT job {job}", job,
                    (token, size) => ListForJobRequest(job, status, token, size),
                    response => ReadListPage(response, job, null)),
            };
        }
    }
}
