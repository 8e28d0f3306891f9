using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.TwinMaker
{
    /// <summary>IoT TwinMaker metadata transfer jobs on the wire: the cancel workflow (IJobService) and Get-TwinMakerTransferJob's reads (IJobReader).</summary>
    public sealed class TwinMakerTransferJobs : IJobReader<TwinMakerTransferJobCriteria, TwinMakerTransferJob>, IJobService<TwinMakerTransferJobTarget, TwinMakerTransferJobCancellation>
    {
        public static readonly TwinMakerTransferJobs Instance = new TwinMakerTransferJobs();

        public static readonly string[] States = { "VALIDATING", "PENDING", "RUNNING", "CANCELLING", "ERROR", "COMPLETED", "CANCELLED" };
        public static readonly string[] SourceAndDestinationTypes = { "s3", "iotsitewise", "iottwinmaker" };
        public int MaxPageSize => 200;

        public int MinPageSize => 1;

        private static readonly HashSet<string> Terminal = new HashSet<string> { "CANCELLED", "ERROR", "COMPLETED" };

        public AwsService Service => AwsService.TwinMaker;

        public IReadOnlyList<string> Validate(TwinMakerTransferJobTarget target) =>
            IdentifierRules.Collect(IdentifierRules.TwinMakerId.Check("MetadataTransferJobId", target.MetadataTransferJobId));

        public string Describe(TwinMakerTransferJobTarget target) => $"TwinMaker metadata transfer job {target.MetadataTransferJobId}";

        public ApiRequest CancelRequest(TwinMakerTransferJobTarget target) =>
            ApiRequest.Rest("CancelMetadataTransferJob", "PUT", "/metadata-transfer-jobs/{metadataTransferJobId}/cancel")
                .WithPath("metadataTransferJobId", target.MetadataTransferJobId)
                .Expecting(CancelAnswer);

        // The answers' required members (the service model's), so an answer in another shape is never read as one.
        private static readonly ResponseShape CancelAnswer = ResponseShape.Of(
            "metadataTransferJobId:string*", "arn:string*", "updateDateTime:number*", "status:object*", "status.state:string");

        private static readonly ResponseShape GetAnswer = ResponseShape.Of(
            "metadataTransferJobId:string*", "arn:string*", "creationDateTime:number*", "updateDateTime:number*", "status:object*", "status.state:string");

        private static readonly ResponseShape ListAnswer = ResponseShape.Of("metadataTransferJobSummaries:array*", "nextToken:string");

        public TwinMakerTransferJobCancellation ReadCancellation(TwinMakerTransferJobTarget target, ApiResponse response, DateTime answeredAt)
        {
            var body = response.Body;
            var progress = body.Object("progress");
            return new TwinMakerTransferJobCancellation
            {
                MetadataTransferJobId = body.String("metadataTransferJobId") ?? target.MetadataTransferJobId,
                Arn = body.String("arn"),
                Status = body.Object("status").String("state"),
                UpdateDateTime = body.EpochTime("updateDateTime"),
                TotalCount = progress.Int("totalCount"),
                SucceededCount = progress.Int("succeededCount"),
                FailedCount = progress.Int("failedCount"),
                RequestTime = answeredAt,
            };
        }

        public ApiRequest StatusRequest(TwinMakerTransferJobTarget target) => GetRequest(target.MetadataTransferJobId);

        public string? ReadStatus(TwinMakerTransferJobTarget target, ApiResponse response) => response.Body.Object("status").String("state");

        public bool IsTerminal(string status) => Terminal.Contains(status);

        public IReadOnlyCollection<string> CancelledStates { get; } = new HashSet<string> { "CANCELLING", "CANCELLED" };

        public ApiRequest GetRequest(string metadataTransferJobId) =>
            ApiRequest.Rest("GetMetadataTransferJob", "GET", "/metadata-transfer-jobs/{metadataTransferJobId}")
                .WithPath("metadataTransferJobId", metadataTransferJobId)
                .Expecting(GetAnswer);

        public ApiRequest ListRequest(string sourceType, string destinationType, string? workspaceId, string? state, string? nextToken, int maxResults) =>
            ApiRequest.Rest("ListMetadataTransferJobs", "POST", "/metadata-transfer-jobs-list").Expecting(ListAnswer).WithBody(writer =>
            {
                writer.WriteString("sourceType", sourceType);
                writer.WriteString("destinationType", destinationType);
                if (workspaceId != null || state != null)
                {
                    writer.WriteStartArray("filters");
                    if (workspaceId != null)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("workspaceId", workspaceId);
                        writer.WriteEndObject();
                    }
                    if (state != null)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("state", state);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                }
                if (nextToken != null)
                {
                    writer.WriteString("nextToken", nextToken);
                }
                writer.WriteNumber("maxResults", maxResults);
            });

        public TwinMakerTransferJob ReadJob(System.Text.Json.JsonElement job)
        {
            var status = job.Object("status");
            var progress = job.Object("progress");
            return new TwinMakerTransferJob
            {
                MetadataTransferJobId = job.String("metadataTransferJobId") ?? "",
                Arn = job.String("arn"),
                Description = job.String("description"),
                Status = status.String("state"),
                ErrorCode = status.Object("error").String("code"),
                ErrorMessage = status.Object("error").String("message"),
                QueuedPosition = status.Int("queuedPosition"),
                TotalCount = progress.Int("totalCount"),
                SucceededCount = progress.Int("succeededCount"),
                SkippedCount = progress.Int("skippedCount"),
                FailedCount = progress.Int("failedCount"),
                ReportUrl = job.String("reportUrl"),
                WorkspaceId = WorkspaceOf(job),
                CreationDateTime = job.EpochTime("creationDateTime"),
                UpdateDateTime = job.EpochTime("updateDateTime"),
            };
        }

        /// <summary>The workspace id in an iottwinmaker destination's or source's configuration (an ARN ending in workspace/ID, or the id).</summary>
        private static string? WorkspaceOf(System.Text.Json.JsonElement job)
        {
            var configured = new[] { job.Object("destination") }.Concat(job.Array("sources"))
                .Select(side => side.Object("iotTwinMakerConfiguration").String("workspace"))
                .FirstOrDefault(workspace => !string.IsNullOrEmpty(workspace));
            if (configured == null)
            {
                return null;
            }
            var slash = configured.LastIndexOf('/');
            return configured.StartsWith("arn:", StringComparison.Ordinal) && slash >= 0 ? configured.Substring(slash + 1) : configured;
        }

        public Page<TwinMakerTransferJob> ReadListPage(ApiResponse response) =>
            new Page<TwinMakerTransferJob>(response.Body.Array("metadataTransferJobSummaries").Select(ReadJob).ToList(), response.Body.String("nextToken"));

        // Get-*: which queries answer the criteria.

        public IReadOnlyList<string> Validate(TwinMakerTransferJobCriteria criteria) => criteria.MetadataTransferJobId != null
            ? IdentifierRules.Collect(IdentifierRules.TwinMakerId.Check("MetadataTransferJobId", criteria.MetadataTransferJobId))
            : IdentifierRules.Collect(criteria.WorkspaceId == null ? null : IdentifierRules.TwinMakerId.Check("WorkspaceId", criteria.WorkspaceId));

        public IReadOnlyList<JobQuery<TwinMakerTransferJob>> Queries(TwinMakerTransferJobCriteria criteria)
        {
            var id = criteria.MetadataTransferJobId;
            if (id != null)
            {
                return new[]
                {
                    JobQuery<TwinMakerTransferJob>.Get($"TwinMaker metadata transfer job {id}", id, GetRequest(id), response => ReadJob(response.Body)),
                };
            }

            // The API lists one source/destination pair per call and requires both. When a side is not given every pair
            // of distinct types is listed (s3 -> iottwinmaker first), so a bare call with a workspace finds all of its
            // jobs. A job with sources of several types is listed under each of their pairs: it is written (and so
            // cancelled downstream) once, the first time. Pairs the service rejects are skipped unless asked for.
            var workspace = criteria.WorkspaceId;
            var state = criteria.State?.ToUpperInvariant();
            var explicitPair = criteria.SourceType != null && criteria.DestinationType != null;
            var where = workspace == null ? "" : $" in workspace {workspace}";
            var listed = new HashSet<string>(StringComparer.Ordinal);
            var queries = new List<JobQuery<TwinMakerTransferJob>>();
            foreach (var (source, destination) in Pairs(criteria.SourceType?.ToLowerInvariant(), criteria.DestinationType?.ToLowerInvariant()))
            {
                var query = JobQuery<TwinMakerTransferJob>.List($"TwinMaker metadata transfer jobs from {source} to {destination}{where}", null,
                    (object?)workspace ?? source + "->" + destination,
                    (token, size) => ListRequest(source, destination, workspace, state, token, size),
                    response =>
                    {
                        var page = ReadListPage(response);
                        foreach (var job in page.Items)
                        {
                            // Every job of a list filtered by workspace is in that workspace; the summaries do not say it.
                            job.WorkspaceId ??= workspace;
                        }
                        return page.Where(job => listed.Add(job.MetadataTransferJobId));
                    });
                queries.Add(explicitPair ? query : query.SkipWhen(failure => failure.Kind == FailureKind.ServiceValidation));
            }
            return queries;
        }

        private static IEnumerable<(string Source, string Destination)> Pairs(string? source, string? destination)
        {
            var order = SourceAndDestinationTypes;
            // s3 -> iottwinmaker is the common import; list it first.
            var pairs = new List<(string, string)> { ("s3", "iottwinmaker") };
            foreach (var from in order)
            {
                foreach (var to in order)
                {
                    if (from != to && !pairs.Contains((from, to)))
                    {
                        pairs.Add((from, to));
                    }
                }
            }
            return pairs.Where(p => (source == null || p.Item1 == source) && (destination == null || p.Item2 == destination))
                .DefaultIfEmpty((source ?? "s3", destination ?? "iottwinmaker"));
        }
    }
}
