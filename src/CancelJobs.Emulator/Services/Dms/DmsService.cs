using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Protocol;

namespace CancelJobs.Emulator.Services.Dms;

/// <summary>DMS schema conversion (json 1.1, PascalCase members): start, describe and cancel conversions.</summary>
internal sealed class DmsService(
    OrderedStore<(string Project, string RequestId), DmsConversion> conversions,
    Func<EmulatorSettings> settings)
{
    // DMS models no validation error for these operations: a request that breaks the model's constraints gets AWS's
    // common ValidationException (400), as for every AWS JSON service (DMS API reference, Common Errors).
    private static readonly ErrorShape Validation = new("ValidationException", 400);
    private static readonly ErrorShape NotFound = new("ResourceNotFoundFault", 400);
    private static readonly ErrorShape InvalidState = new("InvalidResourceStateFault", 400);
    // The model's Filter.Name is any string; these are the names the API reference documents for these calls.
    private static readonly string[] FilterNames = ["request-id", "status"];
    // The model sets no range on MaxRecords: any integer is accepted and a page holds at most this many.
    private const int MaxPageRecords = 100;

    public ServiceDescriptor Describe() => new()
    {
        SigningName = "dms",
        Protocol = AwsJson11Protocol.Instance,
        TargetPrefix = "AmazonDMSv20160101",
        Errors = new ServiceErrors(
            Validation: Validation,
            MalformedInput: new("SerializationException", 400),
            NotFound: NotFound,
            Throttling: new("ThrottlingException", 400),
            ServerError: new("InternalFailure", 500)),
        Operations =
        [
            Operation.Json("CancelMetadataModelConversion", Cancel),
            Operation.Json("DescribeMetadataModelConversions", DescribeConversions),
            Operation.Json("DescribeMigrationProjects", DescribeProjects),
            Operation.Json("StartMetadataModelConversion", Start),
        ],
    };

    /// <summary>The projects the seeded conversions name (tab completion of -MigrationProjectIdentifier reads them); one page.</summary>
    private object DescribeProjects(OperationRequest request) => new
    {
        MigrationProjects = conversions.Snapshot().Select(c => c.MigrationProject).Distinct(StringComparer.Ordinal).Select(project => new
        {
            MigrationProjectName = project,
            MigrationProjectArn = $"arn:aws:dms:{request.Region}:{Wire.AccountId}:migration-project:{project}",
        }).ToArray(),
    };

    private object Cancel(OperationRequest request)
    {
        JsonInput body = request.ReadJson();
        string project = Project(body, request.Check);
        // The model constrains RequestIdentifier no further than "required".
        string requestId = request.Check.Required(body.String("RequestIdentifier"), "RequestIdentifier");
        DmsConversion conversion = conversions.Update((project, requestId), current =>
        {
            string status = current.StatusAt(request.Now);
            if (!DmsStatuses.Cancellable.Contains(status))
                throw InvalidState.With($"Metadata model conversion {requestId} is in {status} status and cannot be canceled.");
            return current with
            {
                RecordedStatus = DmsStatuses.Canceling,
                CancelCompletesAt = request.Now + settings().DmsCancelDelay,
            };
        }) ?? throw NotFound.With($"Metadata model conversion {requestId} not found in migration project {project}.");

        // The cancel call itself reports CANCELING; CANCELED shows up on later reads.
        return new { Request = Render(conversion, DmsStatuses.Canceling, request.Region) };
    }

    private object DescribeConversions(OperationRequest request)
    {
        Validator check = request.Check;
        JsonInput body = request.ReadJson();
        string project = Project(body, check);
        long maxRecords = Math.Clamp(body.Long("MaxRecords") ?? MaxPageRecords, 1, MaxPageRecords);
        var requestIds = new HashSet<string>(StringComparer.Ordinal);
        var statuses = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonInput filter in body.Objects("Filters") ?? [])
        {
            string name = check.OneOf(check.Required(filter.String("Name"), "Filters.member.Name"), "Filters.member.Name", FilterNames)!;
            IReadOnlyList<string> values = check.Required(filter.Strings("Values"), "Filters.member.Values");
            (name == "request-id" ? requestIds : statuses).UnionWith(values);
        }
        RequireProject(project);

        DateTimeOffset now = request.Now;
        Page<DmsConversion> page = conversions.Page(
            PageToken.Decode(body.String("Marker"), check, "Marker"),
            (int)maxRecords,
            c => c.MigrationProject == project
                && (requestIds.Count == 0 || requestIds.Contains(c.RequestIdentifier))
                && (statuses.Count == 0 || statuses.Contains(c.StatusAt(now))));
        return new
        {
            Marker = page.NextToken,
            Requests = page.Items.Select(c => Render(c, c.StatusAt(now), request.Region)).ToList(),
        };
    }

    private object Start(OperationRequest request)
    {
        JsonInput body = request.ReadJson();
        string project = Project(body, request.Check);
        request.Check.Required(body.String("SelectionRules"), "SelectionRules");
        RequireProject(project);
        var conversion = new DmsConversion
        {
            MigrationProject = project,
            RequestIdentifier = Guid.NewGuid().ToString(),
            RecordedStatus = DmsStatuses.InProgress,
            TotalObjects = 0,
            CreatedAt = request.Now,
        };
        conversions.Upsert([conversion]);
        return new { conversion.RequestIdentifier };
    }

    /// <summary>Accepts a project name or its ARN and returns the name.</summary>
    private static string Project(JsonInput body, Validator check)
    {
        string identifier = check.Text(check.Required(body.String("MigrationProjectIdentifier"), "MigrationProjectIdentifier"), "MigrationProjectIdentifier", 0, 255)!;
        return DmsProjects.NameOf(identifier);
    }

    /// <summary>A project exists once any conversion was seeded or started in it.</summary>
    private void RequireProject(string project)
    {
        if (!conversions.Any(c => c.MigrationProject == project))
            throw NotFound.With($"Migration project {project} not found.");
    }

    private static object Render(DmsConversion c, string status, string region) => new
    {
        Status = status,
        c.RequestIdentifier,
        MigrationProjectArn = $"arn:aws:dms:{region}:{Wire.AccountId}:migration-project:{c.MigrationProject}",
        Error = c.ErrorMessage is null ? null : new { defaultErrorDetails = new { Message = c.ErrorMessage } },
        Progress = new
        {
            c.ProgressPercent,
            c.TotalObjects,
            ProgressStep = status switch
            {
                DmsStatuses.Success or DmsStatuses.Canceled or DmsStatuses.Failed => "FINISHED",
                DmsStatuses.Received => "IN_PROGRESS",
                _ => "CONVERTING",
            },
        },
    };
}
