namespace CancelJobs.Engine.TwinMaker
{
    public sealed class TwinMakerTransferJobTarget
    {
        public TwinMakerTransferJobTarget(string metadataTransferJobId) => MetadataTransferJobId = metadataTransferJobId;

        public string MetadataTransferJobId { get; }
    }
}
