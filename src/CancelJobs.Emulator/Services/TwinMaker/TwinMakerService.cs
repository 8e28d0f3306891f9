using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Protocol;

namespace CancelJobs.Emulator.Services.TwinMaker;

/// <summary>IoT TwinMaker (rest-json): cancel, get and list metadata transfer jobs.</summary>
internal sealed class TwinMakerService(OrderedStore<string, TwinMakerJob> jobs, Func<EmulatorSettings> settings)
{
    private static readonly ModelPattern IdPattern = new(@"^[a-zA-Z_0-9][a-zA-Z_\-0-9]*[a-zA-Z0-9]+$");
    private static readonly ModelPattern NextTokenPattern = new(".*");
    private static readonly ErrorShape Validation = new("ValidationException", 400);
    private static readonly ErrorShape NotFound = new("ResourceNotFoundException", 404);
    private static readonly ErrorShape Conflict = new("ConflictException", 409);
    private const int DefaultMaxResults = 50;

    public ServiceDescriptor Describe() => new()
    {
        SigningName = "iottwinmaker",
        Protocol = RestJsonProtocol.Instance,
        PathRoots = ["metadata-transfer-jobs", "metadata-transfer-jobs-list", "workspaces-list"],
        Errors = new ServiceErrors(
            Validation: Validation,
            MalformedInput: Validation,
            NotFound: NotFound,
            Throttling: new("ThrottlingException", 429),
            ServerError: new("InternalServerException", 500)),
        Operations =
        [
            Operation.Rest("CancelMetadataTransferJob", "PUT", "/metadata-transfer-jobs/{metadataTransferJobId}/cancel", Cancel),
            Operation.Rest("GetMetadataTransferJob", "GET", "/metadata-transfer-jobs/{metadataTransferJobId}", Get),
            Operation.Rest("ListMetadataTransferJobs", "POST", "/metadata-transfer-jobs-list", List),
            Operation.Rest("ListWorkspaces", "POST", "/workspaces-list", ListWorkspaces),
        ],
    };

    private object Cancel(OperationRequest request)
    {
        string id = JobId(request);
        TwinMakerJob job = jobs.Update(id, current =>
        {
            string state = current.StateAt(request.Now);
            if (!TwinMakerStates.Cancellable.Contains(state))
                throw Conflict.With($"The metadata transfer job {id} is in {state} state and cannot be cancelled.");
            return current with
            {
                RecordedState = TwinMakerStates.Cancelling,
                RecordedUpdateDateTime = request.Now,
                CancelCompletesAt = request.Now + settings().TwinMakerCancelDelay,
                QueuedPosition = null,
            };
        }) ?? throw MissingJob(id);

        // The cancel call itself always reports CANCELLING; CANCELLED shows up on later reads.
        return new
        {
            metadataTransferJobId = job.Id,
            arn = Arn(job, request.Region),
            updateDateTime = Wire.EpochSeconds(request.Now),
            status = new { state = TwinMakerStates.Cancelling },
            progress = Progress(job),
        };
    }

    private object Get(OperationRequest request)
    {
        string id = JobId(request);
        TwinMakerJob job = jobs.Find(id) ?? throw MissingJob(id);
        return new
        {
            metadataTransferJobId = job.Id,
            arn = Arn(job, request.Region),
            description = job.Description,
            sources = job.SourceTypes.Select(type => Endpoint(type, job, request.Region)).ToArray(),
            destination = Endpoint(job.DestinationType, job, request.Region),
            metadataTransferJobRole = $"arn:aws:iam::{Wire.AccountId}:role/TwinMakerMetadataTransfer",
            reportUrl = job.ReportUrl,
            creationDateTime = Wire.EpochSeconds(job.CreationDateTime),
            updateDateTime = Wire.EpochSeconds(job.UpdatedAt(request.Now)),
            status = Status(job, request.Now),
            progress = Progress(job),
        };
    }

    /// <summary>The workspaces the seeded jobs name (tab completion of -WorkspaceId reads them); one page.</summary>
    private object ListWorkspaces(OperationRequest request) => new
    {
        workspaceSummaries = jobs.Snapshot().Select(job => job.WorkspaceId).Distinct(StringComparer.Ordinal).Select(workspace => new
        {
            workspaceId = workspace,
            arn = $"arn:aws:iottwinmaker:{request.Region}:{Wire.AccountId}:workspace/{workspace}",
            creationDateTime = Wire.EpochSeconds(request.Now),
            updateDateTime = Wire.EpochSeconds(request.Now),
        }).ToArray(),
    };

    private object List(OperationRequest request)
    {
        Validator check = request.Check;
        JsonInput body = request.ReadJson();
        string sourceType = check.OneOf(check.Required(body.String("sourceType"), "sourceType"), "sourceType", TwinMakerStates.EndpointTypes)!;
        string destinationType = check.OneOf(check.Required(body.String("destinationType"), "destinationType"), "destinationType", TwinMakerStates.EndpointTypes)!;
        string? nextToken = check.Text(body.String("nextToken"), "nextToken", 0, 17880, NextTokenPattern);
        long maxResults = check.Range(body.Long("maxResults"), "maxResults", 0, 200) ?? 0;
        var workspaces = new HashSet<string>(StringComparer.Ordinal);
        var states = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonInput filter in body.Objects("filters") ?? [])
        {
            // ListMetadataTransferJobsFilter is a union: exactly one of workspaceId / state.
            if (filter.PresentMembers().Count != 1) throw check.Fail("Each filter must set exactly one of workspaceId or state.");
            if (check.Text(filter.String("workspaceId"), "filters.member.workspaceId", 1, 128, IdPattern) is { } workspace) workspaces.Add(workspace);
            if (check.OneOf(filter.String("state"), "filters.member.state", TwinMakerStates.All) is { } state) states.Add(state);
        }

        // Filters of one kind are alternatives; different kinds must all hold.
        DateTimeOffset now = request.Now;
        Page<TwinMakerJob> page = jobs.Page(
            PageToken.Decode(nextToken, check, "nextToken"),
            maxResults == 0 ? DefaultMaxResults : (int)maxResults,
            job => job.SourceTypes.Contains(sourceType)
                && job.DestinationType == destinationType
                && (workspaces.Count == 0 || workspaces.Contains(job.WorkspaceId))
                && (states.Count == 0 || states.Contains(job.StateAt(now))));

        return new
        {
            metadataTransferJobSummaries = page.Items.Select(job => new
            {
                metadataTransferJobId = job.Id,
                arn = Arn(job, request.Region),
                creationDateTime = Wire.EpochSeconds(job.CreationDateTime),
                updateDateTime = Wire.EpochSeconds(job.UpdatedAt(now)),
                status = Status(job, now),
                progress = Progress(job),
            }).ToList(),
            nextToken = page.NextToken,
        };
    }

    private static string JobId(OperationRequest request) =>
        request.Check.Text(request.Label("metadataTransferJobId"), "metadataTransferJobId", 1, 128, IdPattern)!;

    private static AwsServiceException MissingJob(string id) =>
        NotFound.With($"Metadata transfer job {id} not found.");

    /// <summary>A source or destination as GetMetadataTransferJob describes it: an iottwinmaker side names its workspace (by ARN).</summary>
    private static object Endpoint(string type, TwinMakerJob job, string region) => type == "iottwinmaker"
        ? new { type, iotTwinMakerConfiguration = new { workspace = $"arn:aws:iottwinmaker:{region}:{Wire.AccountId}:workspace/{job.WorkspaceId}" } }
        : new { type };

    private static string Arn(TwinMakerJob job, string region) =>
        $"arn:aws:iottwinmaker:{region}:{Wire.AccountId}:metadata-transfer-job/{job.Id}";

    private static object Status(TwinMakerJob job, DateTimeOffset now) => new
    {
        state = job.StateAt(now),
        error = job.ErrorCode is null ? null : new { code = job.ErrorCode, message = job.ErrorMessage },
        queuedPosition = job.QueuedPosition,
    };

    private static object Progress(TwinMakerJob job) => new
    {
        totalCount = job.TotalCount,
        succeededCount = job.SucceededCount,
        skippedCount = job.SkippedCount,
        failedCount = job.FailedCount,
    };
}
