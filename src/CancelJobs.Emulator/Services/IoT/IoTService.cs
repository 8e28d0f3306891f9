using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Emulator.Protocol;

namespace CancelJobs.Emulator.Services.IoT;

/// <summary>AWS IoT (rest-json): cancel, describe and list job executions.</summary>
internal sealed class IoTService(OrderedStore<(string JobId, string ThingName), IoTJobExecution> executions)
{
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
        if (!executions.Any(e => e.JobId == jobId)) throw NotFound.With($"Job {jobId} does not exist.");
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
}
