using System.Management.Automation;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.TwinMaker;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Cancels IoT TwinMaker metadata transfer jobs (CancelMetadataTransferJob).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "TwinMakerTransferJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TwinMakerTransferJobCancellation))]
    public sealed class StopTwinMakerTransferJobCommand : StopJobCmdlet<TwinMakerTransferJobTarget, TwinMakerTransferJobCancellation>
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Identifier]
        [ArgumentCompleter(typeof(IdentifierCompleter))]
        [Alias("Id", "JobId")]
        public string MetadataTransferJobId { get; set; } = "";

        protected override IJobService<TwinMakerTransferJobTarget, TwinMakerTransferJobCancellation> JobService => TwinMakerTransferJobs.Instance;

        protected override string PrimaryIdentifier => MetadataTransferJobId;

        protected override TwinMakerTransferJobTarget CreateTarget() => new TwinMakerTransferJobTarget(MetadataTransferJobId);
    }
}
