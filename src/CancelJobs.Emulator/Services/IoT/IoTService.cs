using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Emulator.Protocol;

namespace CancelJobs.Emulator.Services.IoT;

/// <summary>AWS IoT (rest-json): cancel, describe and list job executions, and jobs as a whole (CancelJob, DescribeJob, ListJobs).</summary>
internal sealed class IoTService(OrderedStore<(string JobId, string ThingName), IoTJobExecution> executions, OrderedStore<string, IoTJob> jobs)
{
    /// <summary>Takes its stores from the state: the executions, and the jobs' own seed section.</summary>
    public IoTService(EmulatorState state) : this(state.IoTExecutions, state.Sections.Get<IoTJobSection>().Store)
    {
    }

    private static readonly ModelPattern ReasonCodePattern = new(@"^[\p{Upper}\p{Digit}_]+$", "^[A-Z0-9_]+$");
    private static readonly ModelPattern CommentPattern = new(@"^[^\p{C}]+$", @"^(?:[^\p{C}]|[\uD800-\uDBFF][\uDC00-\uDFFF])+$");
    private static readonly ModelPattern ThingGroupNamePattern = new("^[a-zA-Z0-9:_-]+$");
    private static readonly ModelPattern ThingGroupIdPattern = new(@"^[a-zA-Z0-9\-]+$");
    private static readonly ModelPattern NamespaceIdPattern = new("^[a-zA-Z0-9_-]+$");

    private static readonly ModelPattern JobIdPattern = new("^[a-zA-Z0-9_-]+$");
    private static readonly ModelPattern ThingNamePattern = new("^[a-zA-Z0-9:_-]+$");
    private static readonly ModelPattern DetailsKeyPattern = new("^[a-zA-Z0-9:_-]+$");
    // The model's ^[^\p{C}]+$ reads whole characters (Java); .NET's regex sees UTF-16 units, so an emoji's two halves (Cs)
    // would fail it. A well-formed pair counts as the one character it is.
    private static readonly ModelPattern DetailsValuePattern = new(@"^[^\p{C}]+$", @"^(?:[^\p{C}]|[\uD800-\uDBFF][\uDC00-\uDFFF])+$");
    // The model sets no maximum; the IoT API reference (JobExecutionState) caps a statusDetails value at 1,024 characters.
    private const int DetailsValueMaxLength = 1024;
    private static readonly ErrorShape InvalidRequest = new("InvalidRequestException", 400);
    private static readonly ErrorShape NotFound = new("ResourceNotFoundException", 404);
    private static readonly ErrorShape InvalidTransition = new("InvalidStateTransitionException", 409);
    private static readonly ErrorShape VersionConflict = new("VersionConflictException", 409);
    private const int DefaultMaxResults = 100;

    public ServiceDescriptor Describe() => new()
    {
        SigningName = "iot",
        Protocol = RestJsonProtocol.Instance,
        PathRoots = ["things", "jobs"],
        Errors = new ServiceErrors(
            Validation: InvalidRequest,
            MalformedInput: InvalidRequest,
            NotFound: NotFound,
            Throttling: new("ThrottlingException", 400),
            ServerError: new("ServiceUnavailableException", 503)),
        Operations =
        [
            Operation.Rest("CancelJobExecution", "PUT", "/things/{thingName}/jobs/{jobId}/cancel", Cancel),
            Operation.Rest("DescribeJobExecution", "GET", "/things/{thingName}/jobs/{jobId}", Describe),
            Operation.Rest("ListJobExecutionsForJob", "GET", "/jobs/{jobId}/things", ListForJob),
            Operation.Rest("ListJobExecutionsForThing", "GET", "/things/{thingName}/jobs", ListForThing),
            Operation.Rest("CancelJob", "PUT", "/jobs/{jobId}/cancel", CancelJob),
            Operation.Rest("DescribeJob", "GET", "/jobs/{jobId}", DescribeJob),
            Operation.Rest("ListJobs", "GET", "/jobs", ListJobs),
        ],
    };

    private object? Cancel(OperationRequest request)
    {
        Validator check = request.Check;
        string thingName = ThingName(request);
        string jobId = JobId(request);
        bool force = ParseForce(request.QueryValue("force"), check);
        JsonInput body = request.ReadJson();
        long? expectedVersion = body.Long("expectedVersion");
        IReadOnlyDictionary<string, string>? details = ValidateDetails(body.StringMap("statusDetails"), check);

        _ = executions.Update((jobId, thingName), current =>
        {
            if (expectedVersion is { } expected && expected != current.VersionNumber)
                throw VersionConflict.With($"The expected version {expected} does not match the current version {current.VersionNumber} of job execution {jobId} on thing {thingName}.");
            if (IoTStatuses.Terminal.Contains(current.Status))
                throw InvalidTransition.With($"Job execution {jobId} on thing {thingName} is already in terminal status {current.Status} and cannot be canceled.");
            if (current.Status == IoTStatuses.InProgress && !force)
                throw InvalidTransition.With($"Job execution {jobId} on thing {thingName} is IN_PROGRESS; set force to cancel it.");
            return current with
            {
                Status = IoTStatuses.Canceled,
                // The model: true when the execution was cancelled with force=true, whatever its status was.
                ForceCanceled = force,
                VersionNumber = current.VersionNumber + 1,
                StatusDetails = details ?? current.StatusDetails,
                LastUpdatedAt = request.Now,
            };
        }) ?? throw MissingExecution(jobId, thingName);
        return null;
    }

    private object Describe(OperationRequest request)
    {
        string thingName = ThingName(request);
        string jobId = JobId(request);
        long? executionNumber = request.Check.Integer(request.QueryValue("executionNumber"), "executionNumber");
        IoTJobExecution execution = executions.Find((jobId, thingName)) is { } found
            && (executionNumber is null || executionNumber == found.ExecutionNumber)
                ? found
                : throw MissingExecution(jobId, thingName);
        return new
        {
            execution = new
            {
                jobId = execution.JobId,
                status = execution.Status,
                forceCanceled = execution.ForceCanceled,
                statusDetails = new { detailsMap = execution.StatusDetails },
                thingArn = ThingArn(execution.ThingName, request.Region),
                queuedAt = Wire.EpochSeconds(execution.QueuedAt),
                startedAt = Wire.EpochSeconds(execution.StartedAt),
                lastUpdatedAt = Wire.EpochSeconds(execution.LastUpdatedAt),
                executionNumber = execution.ExecutionNumber,
                versionNumber = execution.VersionNumber,
            },
        };
    }

    private object ListForJob(OperationRequest request)
    {
        string jobId = JobId(request);
        if (!executions.Any(e => e.JobId == jobId) && jobs.Find(jobId) is null) throw NotFound.With($"Job {jobId} does not exist.");
        Page<IoTJobExecution> page = ListPage(request, e => e.JobId == jobId);
        return new
        {
            executionSummaries = page.Items.Select(e => new { thingArn = ThingArn(e.ThingName, request.Region), jobExecutionSummary = Summary(e) }).ToList(),
            nextToken = page.NextToken,
        };
    }

    private object ListForThing(OperationRequest request)
    {
        string thingName = ThingName(request);
        string? jobId = request.Check.Text(request.QueryValue("jobId"), "jobId", 1, 64, JobIdPattern);
        Page<IoTJobExecution> page = ListPage(request, e => e.ThingName == thingName && (jobId is null || e.JobId == jobId));
        return new
        {
            executionSummaries = page.Items.Select(e => new { jobId = e.JobId, jobExecutionSummary = Summary(e) }).ToList(),
            nextToken = page.NextToken,
        };
    }

    /// <summary>The status filter, maxResults and nextToken both list operations share.</summary>
    private Page<IoTJobExecution> ListPage(OperationRequest request, Func<IoTJobExecution, bool> scope)
    {
        Validator check = request.Check;
        string? status = check.OneOf(request.QueryValue("status"), "status", IoTStatuses.All);
        long maxResults = check.Range(check.Integer(request.QueryValue("maxResults"), "maxResults"), "maxResults", 1, 250) ?? DefaultMaxResults;
        int start = PageToken.Decode(request.QueryValue("nextToken"), check, "nextToken");
        return executions.Page(start, (int)maxResults, e => scope(e) && (status is null || e.Status == status));
    }

    private static object Summary(IoTJobExecution e) => new
    {
        status = e.Status,
        queuedAt = Wire.EpochSeconds(e.QueuedAt),
        startedAt = Wire.EpochSeconds(e.StartedAt),
        lastUpdatedAt = Wire.EpochSeconds(e.LastUpdatedAt),
        executionNumber = e.ExecutionNumber,
        retryAttempt = e.RetryAttempt,
    };

    private static bool ParseForce(string? raw, Validator check) => raw switch
    {
        null => false,
        _ when raw.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        _ when raw.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw check.Fail($"Invalid value '{raw}' for query parameter force: expected true or false."),
    };

    private static IReadOnlyDictionary<string, string>? ValidateDetails(IReadOnlyDictionary<string, string>? details, Validator check)
    {
        if (details is null) return null;
        if (details.Count > 10) throw check.Fail("1 validation error detected: Value at 'statusDetails' failed to satisfy constraint: Member must have at most 10 entries");
        foreach ((string key, string value) in details)
        {
            check.Text(key, "statusDetails.key", 1, 128, DetailsKeyPattern);
            check.Text(value, $"statusDetails.{key}", 1, DetailsValueMaxLength, DetailsValuePattern);
        }
        return new Dictionary<string, string>(details, StringComparer.Ordinal);
    }

    private static string ThingName(OperationRequest request) =>
        request.Check.Text(request.Label("thingName"), "thingName", 1, 128, ThingNamePattern)!;

    private static string JobId(OperationRequest request) =>
        request.Check.Text(request.Label("jobId"), "jobId", 1, 64, JobIdPattern)!;

    private static string ThingArn(string thingName, string region) => $"arn:aws:iot:{region}:{Wire.AccountId}:thing/{thingName}";

    private static AwsServiceException MissingExecution(string jobId, string thingName) =>
        NotFound.With($"Job execution {jobId} on thing {thingName} does not exist.");
    // Jobs as a whole.

    /// <summary>
    /// IN_PROGRESS and SCHEDULED jobs become CANCELED: their QUEUED executions are cancelled, with force their IN_PROGRESS
    /// ones too. CancelJob models no state-conflict error: a job that is COMPLETED, already CANCELED or being deleted is
    /// refused with InvalidRequestException (400).
    /// </summary>
    private object CancelJob(OperationRequest request)
    {
        Validator check = request.Check;
        string jobId = JobId(request);
        bool force = ParseForce(request.QueryValue("force"), check);
        JsonInput body = request.ReadJson();
        string? reasonCode = check.Text(body.String("reasonCode"), "reasonCode", 0, 128, ReasonCodePattern);
        string? comment = check.Text(body.String("comment"), "comment", 0, 2028, CommentPattern);
        RecordImplicitJobs();
        IoTJob canceled = jobs.Update(jobId, current =>
        {
            if (current.Status is not (IoTJobStatuses.InProgress or IoTJobStatuses.Scheduled))
                throw InvalidRequest.With($"Job {jobId} is in status {current.Status} and cannot be canceled.");
            return current with
            {
                Status = IoTJobStatuses.Canceled,
                ForceCanceled = force,
                ReasonCode = reasonCode ?? current.ReasonCode,
                Comment = comment ?? current.Comment,
                LastUpdatedAt = request.Now,
                CompletedAt = request.Now,
            };
        }) ?? throw NotFound.With($"Job {jobId} does not exist.");
        foreach (IoTJobExecution execution in executions.Snapshot().Where(e => e.JobId == jobId))
        {
            _ = executions.Update((execution.JobId, execution.ThingName), current =>
                current.Status == IoTStatuses.Queued || (force && current.Status == IoTStatuses.InProgress)
                    ? current with
                    {
                        Status = IoTStatuses.Canceled,
                        ForceCanceled = force && current.Status == IoTStatuses.InProgress,
                        VersionNumber = current.VersionNumber + 1,
                        LastUpdatedAt = request.Now,
                    }
                    : current);
        }
        return new { jobArn = JobArn(jobId, request.Region), jobId, description = canceled.Description };
    }

    private object DescribeJob(OperationRequest request)
    {
        string jobId = JobId(request);
        _ = ParseForce(request.QueryValue("beforeSubstitution"), request.Check);
        RecordImplicitJobs();
        IoTJob job = jobs.Find(jobId) ?? throw NotFound.With($"Job {jobId} does not exist.");
        IReadOnlyList<IoTJobExecution> ofJob = executions.Snapshot().Where(e => e.JobId == jobId).ToList();
        int Count(string status) => ofJob.Count(e => e.Status == status);
        return new
        {
            job = new
            {
                jobArn = JobArn(job.JobId, request.Region),
                jobId = job.JobId,
                targetSelection = job.TargetSelection,
                status = job.Status,
                forceCanceled = job.ForceCanceled,
                reasonCode = job.ReasonCode,
                comment = job.Comment,
                targets = job.ThingGroupName is null ? [] : new[] { $"arn:aws:iot:{request.Region}:{Wire.AccountId}:thinggroup/{job.ThingGroupName}" },
                description = job.Description,
                isConcurrent = job.IsConcurrent,
                createdAt = Wire.EpochSeconds(job.CreatedAt),
                lastUpdatedAt = Wire.EpochSeconds(job.LastUpdatedAt),
                completedAt = Wire.EpochSeconds(job.CompletedAt),
                jobProcessDetails = new
                {
                    numberOfCanceledThings = Count(IoTStatuses.Canceled),
                    numberOfSucceededThings = Count("SUCCEEDED"),
                    numberOfFailedThings = Count("FAILED"),
                    numberOfRejectedThings = Count("REJECTED"),
                    numberOfQueuedThings = Count(IoTStatuses.Queued),
                    numberOfInProgressThings = Count(IoTStatuses.InProgress),
                    numberOfRemovedThings = Count("REMOVED"),
                    numberOfTimedOutThings = Count("TIMED_OUT"),
                },
            },
        };
    }

    private object ListJobs(OperationRequest request)
    {
        Validator check = request.Check;
        string? status = check.OneOf(request.QueryValue("status"), "status", IoTJobStatuses.All);
        string? targetSelection = check.OneOf(request.QueryValue("targetSelection"), "targetSelection", IoTJobStatuses.TargetSelections);
        string? groupName = check.Text(request.QueryValue("thingGroupName"), "thingGroupName", 1, 128, ThingGroupNamePattern);
        string? groupId = check.Text(request.QueryValue("thingGroupId"), "thingGroupId", 1, 128, ThingGroupIdPattern);
        _ = check.Text(request.QueryValue("namespaceId"), "namespaceId", null, null, NamespaceIdPattern);
        long maxResults = check.Range(check.Integer(request.QueryValue("maxResults"), "maxResults"), "maxResults", 1, 250) ?? DefaultMaxResults;
        int start = PageToken.Decode(request.QueryValue("nextToken"), check, "nextToken");
        RecordImplicitJobs();
        Page<IoTJob> page = jobs.Page(start, (int)maxResults, j => (status is null || j.Status == status)
            && (targetSelection is null || j.TargetSelection == targetSelection)
            && (groupName is null || j.ThingGroupName == groupName)
            && (groupId is null || j.ThingGroupId == groupId));
        return new
        {
            jobs = page.Items.Select(j => new
            {
                jobArn = JobArn(j.JobId, request.Region),
                jobId = j.JobId,
                thingGroupId = j.ThingGroupId,
                targetSelection = j.TargetSelection,
                status = j.Status,
                createdAt = Wire.EpochSeconds(j.CreatedAt),
                lastUpdatedAt = Wire.EpochSeconds(j.LastUpdatedAt),
                completedAt = Wire.EpochSeconds(j.CompletedAt),
                isConcurrent = j.IsConcurrent,
            }).ToList(),
            nextToken = page.NextToken,
        };
    }

    /// <summary>Gives every job known only by its executions a record of its own (in the order its executions were seeded).</summary>
    private void RecordImplicitJobs()
    {
        IEnumerable<string> missing = executions.Snapshot().Select(e => e.JobId).Distinct(StringComparer.Ordinal).Where(id => jobs.Find(id) is null).ToList();
        jobs.Upsert(missing.Select(id => ImplicitJob(executions, id)).OfType<IoTJob>().Where(j => jobs.Find(j.JobId) is null));
    }

    /// <summary>A job seeded only as executions, as IoT reports it: an IN_PROGRESS snapshot job created when its first execution was queued.</summary>
    internal static IoTJob? ImplicitJob(OrderedStore<(string JobId, string ThingName), IoTJobExecution> executions, string jobId)
    {
        List<IoTJobExecution> ofJob = executions.Snapshot().Where(e => e.JobId == jobId).ToList();
        return ofJob.Count == 0 ? null : new IoTJob
        {
            JobId = jobId,
            Status = IoTJobStatuses.InProgress,
            CreatedAt = ofJob.Min(e => e.QueuedAt).AddMinutes(-1),
            LastUpdatedAt = ofJob.Max(e => e.LastUpdatedAt),
        };
    }

    private static string JobArn(string jobId, string region) => $"arn:aws:iot:{region}:{Wire.AccountId}:job/{jobId}";
}
