using System.Collections.Generic;
using System.Linq;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.TwinMaker
{
    /// <summary>Get-TwinMakerTransferJob's reads: GetMetadataTransferJob by id, else ListMetadataTransferJobs per source/destination pair.</summary>
    public sealed class TwinMakerTransferJobReader : IJobReader<TwinMakerTransferJobCriteria, TwinMakerTransferJob>
    {
        public static readonly TwinMakerTransferJobReader Instance = new TwinMakerTransferJobReader();

        private static readonly TwinMakerTransferJobs Jobs = TwinMakerTransferJobs.Instance;

        public AwsService Service => AwsService.TwinMaker;

        public int MaxPageSize => TwinMakerTransferJobs.MaxPageSize;

        public int MinPageSize => 1;

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
                    JobQuery<TwinMakerTransferJob>.Get($"TwinMaker metadata transfer job {id}", id, Jobs.GetRequest(id), response => Jobs.ReadJob(response.Body)),
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
            var listed = new HashSet<string>(System.StringComparer.Ordinal);
            var queries = new List<JobQuery<TwinMakerTransferJob>>();
            foreach (var (source, destination) in Pairs(criteria.SourceType?.ToLowerInvariant(), criteria.DestinationType?.ToLowerInvariant()))
            {
                var query = JobQuery<TwinMakerTransferJob>.List($"TwinMaker metadata transfer jobs from {source} to {destination}{where}", null,
                    (object?)workspace ?? source + "->" + destination,
                    (token, size) => Jobs.ListRequest(source, destination, workspace, state, token, size),
                    response => Jobs.ReadListPage(response).Where(job => listed.Add(job.MetadataTransferJobId)));
                queries.Add(explicitPair ? query : query.SkipWhen(failure => failure.Kind == FailureKind.ServiceValidation));
            }
            return queries;
        }

        private static IEnumerable<(string Source, string Destination)> Pairs(string? source, string? destination)
        {
            var order = TwinMakerTransferJobs.SourceAndDestinationTypes;
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
