using System.Management.Automation;
using CancelJobs.Engine.DataZone;
using CancelJobs.Engine.Model;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Cancels Amazon DataZone metadata generation runs.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "DataZoneMetadataGenerationRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DataZoneMetadataGenerationRunCancellation))]
    public sealed class StopDataZoneMetadataGenerationRunCommand : StopJobCmdlet<DataZoneMetadataGenerationRunTarget, DataZoneMetadataGenerationRunCancellation>
    {
        [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Identifier]
        [ArgumentCompleter(typeof(IdentifierCompleter))]
        [Alias("Id", "RunId")]
        public string Identifier { get; set; } = "";

        /// <summary>The domain (position 0, as in Get-DataZoneMetadataGenerationRun: the container before the run).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Identifier]
        [ArgumentCompleter(typeof(ContainerCompleter))]
        [Alias("DomainId")]
        public string DomainIdentifier { get; set; } = "";

        protected override IJobService<DataZoneMetadataGenerationRunTarget, DataZoneMetadataGenerationRunCancellation> JobService => DataZoneMetadataGenerationRuns.Instance;

        protected override string PrimaryIdentifier => Identifier;

        protected override DataZoneMetadataGenerationRunTarget CreateTarget() => new DataZoneMetadataGenerationRunTarget(DomainIdentifier, Identifier);
    }
}
