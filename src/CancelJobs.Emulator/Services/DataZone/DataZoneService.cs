using System;
using System.Linq;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Protocol;

namespace CancelJobs.Emulator.Services.DataZone;

/// <summary>Amazon DataZone (rest-json): cancel, get and list metadata generation runs.</summary>
internal sealed class DataZoneService(OrderedStore<(string DomainId, string Id), DataZoneRun> runs, Func<EmulatorSettings> settings)
{
    // The model sets no @length on these: the patterns alone bound them.
    private static readonly ModelPattern DomainIdPattern = new("^dzd[-_][a-zA-Z0-9_-]{1,36}$");
    private static readonly ModelPattern RunIdPattern = new("^[a-zA-Z0-9_-]{1,36}$");
    private static readonly ModelPattern EntityIdPattern = new("^[a-zA-Z0-9_-]{1,36}$");
    private static readonly ErrorShape Validation = new("ValidationException", 400);
    private static readonly ErrorShape NotFound = new("ResourceNotFoundException", 404);
    private static readonly ErrorShape Conflict = new("ConflictException", 409);
    private const int DefaultMaxResults = 50;

    public ServiceDescriptor Describe() => new()
    {
        SigningName = "datazone",
        Protocol = RestJsonProtocol.Instance,
        PathRoots = ["v2"],
        Errors = new ServiceErrors(
            Validation: Validation,
            MalformedInput: Validation,
            NotFound: NotFound,
            Throttling: new("ThrottlingException", 429),
            ServerError: new("InternalServerException", 500)),
        Operations =
        [
            Operation.Rest("CancelMetadataGenerationRun", "POST", "/v2/domains/{domainIdentifier}/metadata-generation-runs/{identifier}/cancel", Cancel),
            Operation.Rest("GetMetadataGenerationRun", "GET", "/v2/domains/{domainIdentifier}/metadata-generation-runs/{identifier}", Get),
            Operation.Rest("ListMetadataGenerationRuns", "GET", "/v2/domains/{domainIdentifier}/metadata-generation-runs", List),
            Operation.Rest("ListDomains", "GET", "/v2/domains", ListDomains),
        ],
    };

    private object? Cancel(OperationRequest request)
    {
        (string domainId, string id) = RunKey(request);
        _ = runs.Update((domainId, id), current =>
        {
            // The API reference's example answers a ValidationException; the model lists ConflictException (409) for
            // this operation. Which one the emulator answers is a setting, so clients are tested against both.
            if (!DataZoneValues.Cancellable.Contains(current.Status))
                throw (settings().DataZoneCancelRefusal == Conflict.Code ? Conflict : Validation)
                    .With($"The MetadataGenerationRun in {current.Status} status cannot be canceled.");
            return current with { Status = DataZoneValues.Canceled };
        }) ?? throw MissingRun(domainId);
        return null;
    }

    /// <summary>The domains the seeded runs name (tab completion of -DomainIdentifier reads them); one page.</summary>
    private object ListDomains(OperationRequest request) => new
    {
        items = runs.Snapshot().Select(run => run.DomainId).Distinct(StringComparer.Ordinal).Select(domain => new
        {
            id = domain,
            name = domain,
            arn = $"arn:aws:datazone:{request.Region}:{Wire.AccountId}:domain/{domain}",
            managedAccountId = Wire.AccountId,
            status = "AVAILABLE",
            createdAt = Wire.EpochSeconds(request.Now),
        }).ToArray(),
    };

    private object Get(OperationRequest request)
    {
        (string domainId, string id) = RunKey(request);
        request.Check.OneOf(request.QueryValue("type"), "type", DataZoneValues.Types);
        DataZoneRun run = runs.Find((domainId, id)) ?? throw MissingRun(domainId);
        return Run(run, withTypeStats: true);
    }

    private object List(OperationRequest request)
    {
        Validator check = request.Check;
        string domainId = DomainId(request);
        string? status = check.OneOf(request.QueryValue("status"), "status", DataZoneValues.Statuses);
        string? type = check.OneOf(request.QueryValue("type"), "type", DataZoneValues.Types);
        string? target = check.Text(request.QueryValue("targetIdentifier"), "targetIdentifier", null, null, EntityIdPattern);
        long maxResults = check.Range(check.Integer(request.QueryValue("maxResults"), "maxResults"), "maxResults", 1, 50) ?? DefaultMaxResults;
        string? nextToken = check.Text(request.QueryValue("nextToken"), "nextToken", 1, 8192);
        if (!runs.Any(r => r.DomainId == domainId)) throw NotFound.With($"Domain {domainId} not found.");

        Page<DataZoneRun> page = runs.Page(
            PageToken.Decode(nextToken, check, "nextToken"),
            (int)maxResults,
            r => r.DomainId == domainId
                && (status is null || r.Status == status)
                && (type is null || r.Type == type)
                && (target is null || r.TargetIdentifier == target));
        return new
        {
            items = page.Items.Select(run => Run(run, withTypeStats: false)).ToList(),
            nextToken = page.NextToken,
        };
    }

    /// <summary>A run as Get answers it; list items are the same without typeStats (null members are not written).</summary>
    private static object Run(DataZoneRun run, bool withTypeStats) => new
    {
        domainId = run.DomainId,
        id = run.Id,
        target = Target(run),
        status = run.Status,
        type = run.Type,
        types = new[] { run.Type },
        createdAt = Wire.EpochSeconds(run.CreatedAt),
        createdBy = run.CreatedBy,
        owningProjectId = run.OwningProjectId,
        typeStats = withTypeStats ? new[] { new { type = run.Type, status = run.Status } } : null,
    };

    private static object Target(DataZoneRun run) =>
        new { type = "ASSET", identifier = run.TargetIdentifier, revision = run.TargetRevision };

    private static string DomainId(OperationRequest request) =>
        request.Check.Text(request.Label("domainIdentifier"), "domainIdentifier", null, null, DomainIdPattern)!;

    private static (string DomainId, string Id) RunKey(OperationRequest request) =>
        (DomainId(request), request.Check.Text(request.Label("identifier"), "identifier", null, null, RunIdPattern)!);

    // The seed's wording for an unknown run.
    private static AwsServiceException MissingRun(string domainId) =>
        NotFound.With($"Requested prediction cannot be found in domain {domainId}");
}
