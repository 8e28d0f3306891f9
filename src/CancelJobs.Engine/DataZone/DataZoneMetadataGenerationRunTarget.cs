namespace CancelJobs.Engine.DataZone
{
    public sealed class DataZoneMetadataGenerationRunTarget
    {
        public DataZoneMetadataGenerationRunTarget(string domainIdentifier, string identifier)
        {
            DomainIdentifier = domainIdentifier;
            Identifier = identifier;
        }

        public string DomainIdentifier { get; }
        public string Identifier { get; }
    }
}
