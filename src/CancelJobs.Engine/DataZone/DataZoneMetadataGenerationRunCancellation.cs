using CancelJobs.Engine.Model;

namespace CancelJobs.Engine.DataZone
{
    public sealed class DataZoneMetadataGenerationRunCancellation : JobCancellation
    {
        public string DomainIdentifier { get; set; } = "";
        public string Identifier { get; set; } = "";
    }
}
