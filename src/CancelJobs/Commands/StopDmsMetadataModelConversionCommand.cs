using System.Management.Automation;
using CancelJobs.Engine.Dms;
using CancelJobs.Engine.Model;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Cancels AWS DMS schema conversion (metadata model conversion) requests.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "DmsMetadataModelConversion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DmsMetadataModelConversionCancellation))]
    public sealed class StopDmsMetadataModelConversionCommand : StopJobCmdlet<DmsMetadataModelConversionTarget, DmsMetadataModelConversionCancellation>
    {
        [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Identifier]
        [ArgumentCompleter(typeof(IdentifierCompleter))]
        [Alias("RequestId")]
        public string RequestIdentifier { get; set; } = "";

        /// <summary>The migration project's name or ARN (position 0, as in Get-DmsMetadataModelConversion: the container before the request).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Identifier]
        [ArgumentCompleter(typeof(ContainerCompleter))]
        [Alias("MigrationProjectArn", "MigrationProject")]
        public string MigrationProjectIdentifier { get; set; } = "";

        protected override IJobService<DmsMetadataModelConversionTarget, DmsMetadataModelConversionCancellation> JobService => DmsMetadataModelConversions.Instance;

        protected override string PrimaryIdentifier => RequestIdentifier;

        protected override DmsMetadataModelConversionTarget CreateTarget() => new DmsMetadataModelConversionTarget(MigrationProjectIdentifier, RequestIdentifier);
    }
}
