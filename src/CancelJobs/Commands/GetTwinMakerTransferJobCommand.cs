using System.Management.Automation;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.TwinMaker;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Completion;
using CancelJobs.Engine.Errors;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Gets IoT TwinMaker metadata transfer jobs: one by id (GetMetadataTransferJob) or a list (ListMetadataTransferJobs).</summary>
    [Cmdlet(VerbsCommon.Get, "TwinMakerTransferJob", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(TwinMakerTransferJob))]
    public sealed class GetTwinMakerTransferJobCommand : GetJobCmdlet<TwinMakerTransferJobCriteria, TwinMakerTransferJob>
    {
        private const string ListSet = "List";
        private const string GetSet = "Get";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = GetSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "JobId")]
        [Identifier]
        public string MetadataTransferJobId { get; set; } = "";

        /// <summary>Only jobs of this workspace. Named only: position 0 is the job id, as in Stop-TwinMakerTransferJob.</summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [Identifier]
        [ArgumentCompleter(typeof(ContainerCompleter))]
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

        protected override IJobReader<TwinMakerTransferJobCriteria, TwinMakerTransferJob> Reader => TwinMakerTransferJobs.Instance;

        /// <summary>
        /// A workspace filter that matched nothing: if ListWorkspaces does not list the workspace either, say so (it may be
        /// a job id given as -WorkspaceId) instead of writing nothing.
        /// </summary>
        protected override ErrorRecord? WhenNothingFound(TwinMakerTransferJobCriteria criteria, AwsServiceClient client) =>
            criteria.WorkspaceId is { } workspace && ContainerSources.WorkspaceExists(client, workspace, StoppingToken) == false
                ? ErrorRecords.From(Failure.NotFound($"TwinMaker workspace {workspace}",
                    "ListWorkspaces does not list it; a metadata transfer job id goes to -MetadataTransferJobId, or first by position"), workspace)
                : null;

        protected override TwinMakerTransferJobCriteria CreateCriteria() => ParameterSetName == GetSet
            ? new TwinMakerTransferJobCriteria { MetadataTransferJobId = MetadataTransferJobId }
            : new TwinMakerTransferJobCriteria { WorkspaceId = WorkspaceId, State = State, SourceType = SourceType, DestinationType = DestinationType };
    }
}
