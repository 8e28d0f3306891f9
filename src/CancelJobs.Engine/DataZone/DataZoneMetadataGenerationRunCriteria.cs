namespace CancelJobs.Engine.DataZone
{
    /// <summary>What Get-DataZoneMetadataGenerationRun asks for: one run of a domain by id, or the domain's runs narrowed by filters.</summary>
    public sealed class DataZoneMetadataGenerationRunCriteria
    {
        public DataZoneMetadataGenerationRunCriteria(string domainIdentifier) => DomainIdentifier = domainIdentifier;

        public string DomainIdentifier { get; }

        /// <summary>Set for a get; the list filters below are then ignored.</summary>
        public string? Identifier { get; set; }

        public string? Status { get; set; }
        public string? Type { get; set; }

        /// <summary>Only runs for this asset.</summary>
        public string? TargetIdentifier { get; set; }
    }
}
