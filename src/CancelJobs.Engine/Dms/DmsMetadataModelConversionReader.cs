using System.Collections.Generic;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.Dms
{
    /// <summary>Get-DmsMetadataModelConversion's reads: DescribeMetadataModelConversions, by id through its request-id filter.</summary>
    public sealed class DmsMetadataModelConversionReader : IJobReader<DmsMetadataModelConversionCriteria, DmsMetadataModelConversion>
    {
        public static readonly DmsMetadataModelConversionReader Instance = new DmsMetadataModelConversionReader();

        private static readonly DmsMetadataModelConversions Conversions = DmsMetadataModelConversions.Instance;

        public AwsService Service => AwsService.Dms;

        public int MaxPageSize => DmsMetadataModelConversions.MaxPageSize;

        // The model's MaxRecords minimum; with -MaxItems below it the loop stops writing, not asking.
        public int MinPageSize => 20;

        public IReadOnlyList<string> Validate(DmsMetadataModelConversionCriteria criteria) => IdentifierRules.Collect(
            IdentifierRules.DmsMigrationProject.Check("MigrationProjectIdentifier", criteria.MigrationProjectIdentifier),
            criteria.RequestIdentifier == null ? null : IdentifierRules.DmsRequestIdentifier.Check("RequestIdentifier", criteria.RequestIdentifier));

        public IReadOnlyList<JobQuery<DmsMetadataModelConversion>> Queries(DmsMetadataModelConversionCriteria criteria)
        {
            var project = criteria.MigrationProjectIdentifier;
            var requestId = criteria.RequestIdentifier;
            var status = criteria.Status?.ToUpperInvariant();
            var projectName = $"DMS migration project {project}";
            System.Func<string?, int, ApiRequest> request = (marker, size) => Conversions.DescribeRequest(project, requestId, status, marker, size);
            System.Func<ApiResponse, Page<DmsMetadataModelConversion>> read = response => Conversions.ReadPage(response, project);
            if (requestId == null)
            {
                return new[] { JobQuery<DmsMetadataModelConversion>.List($"DMS metadata model conversions in migration project {project}", projectName, project, request, read) };
            }
            // One id through the filter: DMS filters rather than failing with 404, so an id that matches nothing is
            // reported here (unless a status filter may have excluded it).
            var one = JobQuery<DmsMetadataModelConversion>.Filter($"DMS metadata model conversion {requestId} in migration project {project}", projectName, requestId, request, read);
            return new[] { status == null ? one.NotFoundWhenEmpty() : one };
        }
    }
}
