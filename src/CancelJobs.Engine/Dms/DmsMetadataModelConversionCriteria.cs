namespace CancelJobs.Engine.Dms
{
    /// <summary>What Get-DmsMetadataModelConversion asks for: a migration project's conversions, optionally one request id and a status.</summary>
    public sealed class DmsMetadataModelConversionCriteria
    {
        public DmsMetadataModelConversionCriteria(string migrationProjectIdentifier) => MigrationProjectIdentifier = migrationProjectIdentifier;

        /// <summary>The migration project's name or ARN.</summary>
        public string MigrationProjectIdentifier { get; }

        /// <summary>One request by id (the request-id filter); null lists every request of the project.</summary>
        public string? RequestIdentifier { get; set; }

        public string? Status { get; set; }
    }
}
