using CancelJobs.Engine.Model;

namespace CancelJobs.Engine.Dms
{
    public sealed class DmsMetadataModelConversionCancellation : JobCancellation
    {
        public string MigrationProjectIdentifier { get; set; } = "";
        public string RequestIdentifier { get; set; } = "";
        public string? MigrationProjectArn { get; set; }
        public double? ProgressPercent { get; set; }
    }
}
