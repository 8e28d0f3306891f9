using System.Management.Automation;
using CancelJobs.Engine.Dms;
using CancelJobs.Engine.Model;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Gets AWS DMS schema conversion (metadata model conversion) requests (DescribeMetadataModelConversions).</summary>
    [Cmdlet(VerbsCommon.Get, "DmsMetadataModelConversion")]
    [OutputType(typeof(DmsMetadataModelConversion))]
    public sealed class GetDmsMetadataModelConversionCommand : GetJobCmdlet<DmsMetadataModelConversionCriteria, DmsMetadataModelConversion>
    {
        /// <summary>The migration project's name or ARN.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MigrationProjectArn", "MigrationProject")]
        [Identifier]
        [ArgumentCompleter(typeof(ContainerCompleter))]
        public string MigrationProjectIdentifier { get; set; } = "";

        /// <summary>One request by id (the request-id filter); without it every request of the project is listed.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("RequestId")]
        [Identifier]
        public string? RequestIdentifier { get; set; }

        [Parameter]
        [ValidateSet("RECEIVED", "IN_PROGRESS", "SUCCESS", "FAILED", "CANCELING", "CANCELED", IgnoreCase = true)]
        public string? Status { get; set; }

        protected override IJobReader<DmsMetadataModelConversionCriteria, DmsMetadataModelConversion> Reader => DmsMetadataModelConversions.Instance;

        protected override DmsMetadataModelConversionCriteria CreateCriteria() =>
            new DmsMetadataModelConversionCriteria(MigrationProjectIdentifier) { RequestIdentifier = RequestIdentifier, Status = Status };
    }
}
