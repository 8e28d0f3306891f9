namespace CancelJobs.Engine.Dms
{
    public sealed class DmsMetadataModelConversionTarget
    {
        public DmsMetadataModelConversionTarget(string migrationProjectIdentifier, string requestIdentifier)
        {
            MigrationProjectIdentifier = migrationProjectIdentifier;
            RequestIdentifier = requestIdentifier;
        }

        public string MigrationProjectIdentifier { get; }
        public string RequestIdentifier { get; }
    }
}
