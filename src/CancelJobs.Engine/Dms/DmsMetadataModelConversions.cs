using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.Dms
{
    /// <summary>AWS DMS metadata model conversions on the wire: the cancel workflow (IJobService) and Get-DmsMetadataModelConversion's reads (IJobReader).</summary>
    public sealed class DmsMetadataModelConversions : IJobReader<DmsMetadataModelConversionCriteria, DmsMetadataModelConversion>, IJobService<DmsMetadataModelConversionTarget, DmsMetadataModelConversionCancellation>
    {
        public static readonly DmsMetadataModelConversions Instance = new DmsMetadataModelConversions();

        public static readonly string[] Statuses = { "RECEIVED", "IN_PROGRESS", "SUCCESS", "FAILED", "CANCELING", "CANCELED" };
        public int MaxPageSize => 100;

        // The model and the API reference set no range on MaxRecords (other DMS Describe* calls document 20-100; this
        // one does not). A page never holds more than 100, so asking for more would change nothing.
        public int MinPageSize => 1;

        private static readonly HashSet<string> Terminal = new HashSet<string> { "SUCCESS", "FAILED", "CANCELED" };

        public AwsService Service => AwsService.Dms;

        public IReadOnlyList<string> Validate(DmsMetadataModelConversionTarget target) => IdentifierRules.Collect(
            IdentifierRules.DmsMigrationProject.Check("MigrationProjectIdentifier", target.MigrationProjectIdentifier),
            IdentifierRules.DmsRequestIdentifier.Check("RequestIdentifier", target.RequestIdentifier));

        public string Describe(DmsMetadataModelConversionTarget target) =>
            $"DMS metadata model conversion {target.RequestIdentifier} in migration project {target.MigrationProjectIdentifier}";

        // What the answers must hold: the cancel's result is read from Request, so an answer without it is not DMS's.
        private static readonly ResponseShape CancelAnswer = ResponseShape.Of("Request:object*", "Request.Status:string");

        private static readonly ResponseShape DescribeAnswer = ResponseShape.Of("Requests:array", "Marker:string");

        public ApiRequest CancelRequest(DmsMetadataModelConversionTarget target) =>
            ApiRequest.Json("CancelMetadataModelConversion").Expecting(CancelAnswer).WithBody(writer =>
            {
                writer.WriteString("MigrationProjectIdentifier", target.MigrationProjectIdentifier);
                writer.WriteString("RequestIdentifier", target.RequestIdentifier);
            });

        public DmsMetadataModelConversionCancellation ReadCancellation(DmsMetadataModelConversionTarget target, ApiResponse response, DateTime answeredAt)
        {
            var request = response.Body.Object("Request");
            return new DmsMetadataModelConversionCancellation
            {
                MigrationProjectIdentifier = target.MigrationProjectIdentifier,
                RequestIdentifier = request.String("RequestIdentifier") ?? target.RequestIdentifier,
                MigrationProjectArn = request.String("MigrationProjectArn"),
                Status = request.String("Status"),
                ProgressPercent = request.Object("Progress").Double("ProgressPercent"),
                RequestTime = answeredAt,
            };
        }

        public ApiRequest StatusRequest(DmsMetadataModelConversionTarget target) =>
            DescribeRequest(target.MigrationProjectIdentifier, target.RequestIdentifier, null, null, MaxPageSize);

        public string? ReadStatus(DmsMetadataModelConversionTarget target, ApiResponse response) =>
            response.Body.Array("Requests").Select(item => item.String("Status")).FirstOrDefault();

        public bool IsTerminal(string status) => Terminal.Contains(status);

        public IReadOnlyCollection<string> CancelledStates { get; } = new HashSet<string> { "CANCELING", "CANCELED" };

        public ApiRequest DescribeRequest(string migrationProjectIdentifier, string? requestIdentifier, string? status, string? marker, int maxRecords) =>
            ApiRequest.Json("DescribeMetadataModelConversions").Expecting(DescribeAnswer).WithBody(writer =>
            {
                writer.WriteString("MigrationProjectIdentifier", migrationProjectIdentifier);
                if (requestIdentifier != null || status != null)
                {
                    writer.WriteStartArray("Filters");
                    WriteFilter(writer, "request-id", requestIdentifier);
                    WriteFilter(writer, "status", status);
                    writer.WriteEndArray();
                }
                if (marker != null)
                {
                    writer.WriteString("Marker", marker);
                }
                writer.WriteNumber("MaxRecords", maxRecords);
            });

        public Page<DmsMetadataModelConversion> ReadPage(ApiResponse response, string migrationProjectIdentifier) =>
            new Page<DmsMetadataModelConversion>(response.Body.Array("Requests").Select(item => ReadConversion(item, migrationProjectIdentifier)).ToList(),
                response.Body.String("Marker"));

        private static DmsMetadataModelConversion ReadConversion(JsonElement item, string migrationProjectIdentifier)
        {
            var progress = item.Object("Progress");
            var processed = progress.Object("ProcessedObject");
            return new DmsMetadataModelConversion
            {
                MigrationProjectIdentifier = migrationProjectIdentifier,
                RequestIdentifier = item.String("RequestIdentifier") ?? "",
                MigrationProjectArn = item.String("MigrationProjectArn"),
                Status = item.String("Status"),
                ErrorMessage = item.Object("Error").Object("defaultErrorDetails").String("Message"),
                ProgressPercent = progress.Double("ProgressPercent"),
                TotalObjects = progress.Long("TotalObjects"),
                ProgressStep = progress.String("ProgressStep"),
                ProcessedObjectName = processed.String("Name"),
                ProcessedObjectType = processed.String("Type"),
                ExportSqlObjectUrl = item.Object("ExportSqlDetails").String("ObjectURL"),
            };
        }

        private static void WriteFilter(Utf8JsonWriter writer, string name, string? value)
        {
            if (value == null)
            {
                return;
            }
            writer.WriteStartObject();
            writer.WriteString("Name", name);
            writer.WriteStartArray("Values");
            writer.WriteStringValue(value);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        // Get-*: which queries answer the criteria.

        public IReadOnlyList<string> Validate(DmsMetadataModelConversionCriteria criteria) => IdentifierRules.Collect(
            IdentifierRules.DmsMigrationProject.Check("MigrationProjectIdentifier", criteria.MigrationProjectIdentifier),
            criteria.RequestIdentifier == null ? null : IdentifierRules.DmsRequestIdentifier.Check("RequestIdentifier", criteria.RequestIdentifier));

        public IReadOnlyList<JobQuery<DmsMetadataModelConversion>> Queries(DmsMetadataModelConversionCriteria criteria)
        {
            var project = criteria.MigrationProjectIdentifier;
            var requestId = criteria.RequestIdentifier;
            var status = criteria.Status?.ToUpperInvariant();
            var projectName = $"DMS migration project {project}";
            Func<string?, int, ApiRequest> request = (marker, size) => DescribeRequest(project, requestId, status, marker, size);
            Func<ApiResponse, Page<DmsMetadataModelConversion>> read = response => ReadPage(response, project);
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
