using System.Collections.Generic;
using System.Management.Automation;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Dms;
using CancelJobs.Engine.Validation;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Gets AWS DMS schema conversion (metadata model conversion) requests (DescribeMetadataModelConversions).</summary>
    [Cmdlet(VerbsCommon.Get, "DmsMetadataModelConversion")]
    [OutputType(typeof(DmsMetadataModelConversion))]
    public sealed class GetDmsMetadataModelConversionCommand : GetJobCmdlet<DmsMetadataModelConversion>
    {
        /// <summary>The migration project's name or ARN.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MigrationProjectArn", "MigrationProject")]
        public string MigrationProjectIdentifier { get; set; } = "";

        /// <summary>One request by id (the request-id filter); without it every request of the project is listed.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("RequestId")]
        public string? RequestIdentifier { get; set; }

        [Parameter]
        [ValidateSet("RECEIVED", "IN_PROGRESS", "SUCCESS", "FAILED", "CANCELING", "CANCELED", IgnoreCase = true)]
        public string? Status { get; set; }

        protected override AwsService Service => AwsService.Dms;

        protected override int MaxPageSize => DmsMetadataModelConversions.MaxPageSize;

        // The model's MaxRecords minimum; with -MaxItems below it the loop stops writing, not asking.
        protected override int MinPageSize => 20;

        protected override IReadOnlyList<string> Validate() => IdentifierRules.Collect(
            IdentifierRules.DmsMigrationProject.Check("MigrationProjectIdentifier", MigrationProjectIdentifier),
            RequestIdentifier == null ? null : IdentifierRules.DmsRequestIdentifier.Check("RequestIdentifier", RequestIdentifier));

        protected override IEnumerable<JobQuery<DmsMetadataModelConversion>> CreateQueries()
        {
            var conversions = DmsMetadataModelConversions.Instance;
            var project = MigrationProjectIdentifier;
            var requestId = RequestIdentifier;
            var status = Status?.ToUpperInvariant();
            var description = requestId == null
                ? $"DMS metadata model conversions in migration project {project}"
                : $"DMS metadata model conversion {requestId} in migration project {project}";
            var query = JobQuery<DmsMetadataModelConversion>.List(description, (object?)requestId ?? project,
                (marker, size) => conversions.DescribeRequest(project, requestId, status, marker, size),
                response => conversions.ReadPage(response, project));
            // DMS filters rather than failing with 404, so an id that matches nothing is reported here.
            yield return requestId != null && status == null ? query.NotFoundWhenEmpty() : query;
        }
    }
}
