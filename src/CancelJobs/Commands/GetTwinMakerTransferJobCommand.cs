using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.TwinMaker;
using CancelJobs.Engine.Validation;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Gets IoT TwinMaker metadata transfer jobs: one by id (GetMetadataTransferJob) or a list (ListMetadataTransferJobs).</summary>
    [Cmdlet(VerbsCommon.Get, "TwinMakerTransferJob", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(TwinMakerTransferJob))]
    public sealed class GetTwinMakerTransferJobCommand : GetJobCmdlet<TwinMakerTransferJob>
    {
        private const string ListSet = "List";
        private const string GetSet = "Get";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = GetSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "JobId")]
        public string MetadataTransferJobId { get; set; } = "";

        [Parameter(Position = 0, ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        public string? WorkspaceId { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("VALIDATING", "PENDING", "RUNNING", "CANCELLING", "ERROR", "COMPLETED", "CANCELLED", IgnoreCase = true)]
        [Alias("Status")]
        public string? State { get; set; }

        /// <summary>Default: every type, paired with every other type.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("s3", "iotsitewise", "iottwinmaker", IgnoreCase = true)]
        public string? SourceType { get; set; }

        /// <summary>Default: every type, paired with every other type.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("s3", "iotsitewise", "iottwinmaker", IgnoreCase = true)]
        public string? DestinationType { get; set; }

        protected override AwsService Service => AwsService.TwinMaker;

        protected override int MaxPageSize => TwinMakerTransferJobs.MaxPageSize;

        protected override IReadOnlyList<string> Validate() => ParameterSetName == GetSet
            ? IdentifierRules.Collect(IdentifierRules.TwinMakerId.Check("MetadataTransferJobId", MetadataTransferJobId))
            : IdentifierRules.Collect(WorkspaceId == null ? null : IdentifierRules.TwinMakerId.Check("WorkspaceId", WorkspaceId));

        protected override IEnumerable<JobQuery<TwinMakerTransferJob>> CreateQueries()
        {
            var jobs = TwinMakerTransferJobs.Instance;
            if (ParameterSetName == GetSet)
            {
                yield return JobQuery<TwinMakerTransferJob>.Get($"TwinMaker metadata transfer job {MetadataTransferJobId}", MetadataTransferJobId,
                    jobs.GetRequest(MetadataTransferJobId), response => jobs.ReadJob(response.Body));
                yield break;
            }

            // The API lists one source/destination pair per call and requires both. A job belongs to exactly one pair,
            // so when a side is not given every pair of distinct types is listed (s3 -> iottwinmaker first): a bare call
            // with a workspace then finds all of its jobs. Pairs the service rejects are skipped unless asked for.
            var workspace = WorkspaceId;
            var state = State?.ToUpperInvariant();
            var explicitPair = SourceType != null && DestinationType != null;
            foreach (var (source, destination) in Pairs(SourceType?.ToLowerInvariant(), DestinationType?.ToLowerInvariant()))
            {
                var where = workspace == null ? "" : $" in workspace {workspace}";
                var query = JobQuery<TwinMakerTransferJob>.List($"TwinMaker metadata transfer jobs from {source} to {destination}{where}", (object?)workspace ?? source + "->" + destination,
                    (token, size) => jobs.ListRequest(source, destination, workspace, state, token, size), jobs.ReadListPage);
                yield return explicitPair ? query : query.SkipWhen(failure => failure.Kind == FailureKind.ServiceValidation);
            }
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
