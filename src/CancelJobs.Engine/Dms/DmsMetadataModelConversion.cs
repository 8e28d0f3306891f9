using CancelJobs.Engine.Model;

namespace CancelJobs.Engine.Dms
{
    /// <summary>A schema conversion request (SchemaConversionRequest), with both keys Stop-DmsMetadataModelConversion needs.</summary>
    public sealed class DmsMetadataModelConversion : JobRecord
    {
        public string MigrationProjectIdentifier { get; set; } = "";
        public string RequestIdentifier { get; set; } = "";
        public string? MigrationProjectArn { get; set; }
        public string? ErrorMessage { get; set; }
        public double? ProgressPercent { get; set; }
        public long? TotalObjects { get; set; }
        public string? ProgressStep { get; set; }
        public string? ProcessedObjectName { get; set; }
        public string? ProcessedObjectType { get; set; }
        public string? ExportSqlObjectUrl { get; set; }
    }
}
